import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PLAN_LABELS, ROLE_LABELS } from "@/components/shell/labels";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { KeyIcon, UsersIcon } from "@/components/ui/icons";
import { requirePageContext } from "@/lib/tenant/page-context";
import { SecurityCard } from "@/components/settings/security-card";
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

        <Card title="Profile" description="Editing your profile is coming soon; for now it is shown read-only.">
          <dl className="divide-y divide-zinc-100">
            <Row label="Name">{ctx.userName}</Row>
            <Row label="Email">{ctx.userEmail}</Row>
          </dl>
        </Card>

        <SecurityCard />

        <Card
          title={
            <span className="flex items-center gap-2">
              Team &amp; API keys <Badge tone="accent">Coming next</Badge>
            </span>
          }
          description="Invite your team and create API keys for the REST API — coming next."
        >
          <ul className="grid gap-4 sm:grid-cols-2">
            <li className="flex gap-3 rounded-lg bg-zinc-50 p-4">
              <UsersIcon className="size-5 shrink-0 text-accent-600" />
              <div>
                <p className="text-sm font-medium text-zinc-900">Team members</p>
                <p className="mt-1 text-sm text-zinc-600">Invite colleagues by email as admins or members, and remove them.</p>
              </div>
            </li>
            <li className="flex gap-3 rounded-lg bg-zinc-50 p-4">
              <KeyIcon className="size-5 shrink-0 text-accent-600" />
              <div>
                <p className="text-sm font-medium text-zinc-900">API keys</p>
                <p className="mt-1 text-sm text-zinc-600">Create and revoke keys for the REST API, to connect Frontdesk to your own tools.</p>
              </div>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
