import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PLAN_LABELS, ROLE_LABELS } from "@/components/shell/labels";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { KeyIcon } from "@/components/ui/icons";
import { requirePageContext } from "@/lib/tenant/page-context";
import { SecurityCard } from "@/components/settings/security-card";
import { ProfileForm } from "@/components/settings/profile-form";
import { PLAN_LIMIT_ADVICE } from "@/lib/text/plan-limits";
import { countOf } from "@/lib/text/plural";

export const metadata: Metadata = { title: "Settings" };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 first:pt-0 last:pb-0 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-zinc-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

export default async function SettingsPage() {
  const ctx = await requirePageContext();
  return (
    <>
      <PageHeader title="Settings" description="Your workspace and your profile." />
      <div className="grid gap-6">
        <Card title="Workspace" description="The business this workspace answers calls for.">
          <dl className="divide-y divide-zinc-100">
            <Row label="Workspace name">{ctx.tenantName}</Row>
            <Row label="Plan">
              <Badge tone="accent">{PLAN_LABELS[ctx.tenantPlan]}</Badge>
            </Row>
            <Row label="Plan limits">
              {countOf(ctx.maxAgents, "agent")} and {countOf(ctx.maxPhoneNumbers, "phone number")}.{" "}
              <span className="text-zinc-500">
                {PLAN_LIMIT_ADVICE}
              </span>
            </Row>
            <Row label="Your role">
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={ctx.role === "ADMIN" ? "accent" : "neutral"}>{ROLE_LABELS[ctx.role]}</Badge>
                <span className="text-zinc-500">
                  {ctx.role === "ADMIN"
                    ? "You can change agents and phone numbers."
                    : "You can view agents and phone numbers; an admin makes changes."}
                </span>
              </span>
            </Row>
          </dl>
        </Card>

        <Card title="Profile" description="Your name and the email you sign in with.">
          <ProfileForm initialName={ctx.userName} initialEmail={ctx.userEmail} />
        </Card>

        <Card title="Team" description={ctx.role === "ADMIN" ? "Invite colleagues, change their roles, remove access." : "The people in this workspace."}>
          <Link href="/settings/team" className="focus-ring rounded text-sm font-medium text-accent-700 hover:text-accent-800">
            {ctx.role === "ADMIN" ? "Manage the team →" : "See the team →"}
          </Link>
        </Card>

        <SecurityCard />

        {ctx.role === "ADMIN" && (
          <Card title="Audit log" description="Who changed what in this workspace, when and from where.">
            <Link href="/settings/audit" className="focus-ring rounded text-sm font-medium text-accent-700 hover:text-accent-800">
              Open the audit log →
            </Link>
          </Card>
        )}

        <Card title="API keys" description="Connect your own tools to Frontdesk through the REST API.">
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            <Link href="/settings/api-keys" className="focus-ring inline-flex items-center gap-2 rounded text-sm font-medium text-accent-700 hover:text-accent-800">
              <KeyIcon className="size-4" /> {ctx.role === "ADMIN" ? "Manage API keys →" : "About API keys →"}
            </Link>
            <Link href="/settings/api" className="focus-ring rounded text-sm font-medium text-accent-700 hover:text-accent-800">
              API reference →
            </Link>
          </div>
        </Card>
      </div>
    </>
  );
}
