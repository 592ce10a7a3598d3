// Settings → Team: members (role, remove) for everyone to see; invites for admins only.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { InviteForm } from "@/components/team/invite-form";
import { MembersTable } from "@/components/team/members-table";
import { PendingInvites } from "@/components/team/pending-invites";
import { Card } from "@/components/ui/card";
import { requirePageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const ctx = await requirePageContext();
  const admin = ctx.role === "ADMIN";
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/settings" className="focus-ring rounded text-sm font-medium text-accent-700 hover:underline">← Settings</Link>}
        title="Team"
        description={admin ? `The people who work in ${ctx.tenantName}: invite colleagues, change roles, remove access.` : `The people who work in ${ctx.tenantName}. An admin manages the team.`}
      />
      <div className="grid gap-6">
        {admin && (
          <Card title="Invite someone" description="They get a link to join as an admin (full access) or a member (view only); it works for 7 days.">
            <InviteForm />
          </Card>
        )}
        <section aria-labelledby="members-heading" className="grid gap-3">
          <h2 id="members-heading" className="text-base font-semibold text-zinc-900">Members</h2>
          <MembersTable />
        </section>
        {admin && (
          <Card title="Pending invites" description="Invites not yet accepted. Resend makes a new link (the old one stops working).">
            <PendingInvites />
          </Card>
        )}
      </div>
    </>
  );
}
