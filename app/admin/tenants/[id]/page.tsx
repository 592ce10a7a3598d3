// /admin/tenants/:id — one workspace for the super admin: details, members, this month's usage, its
// latest audit entries; suspend/resume with a reason, change its plan and limits.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { PlanForm } from "@/components/admin/plan-form";
import { SuspendControls } from "@/components/admin/suspend-controls";
import { STATUS_BADGE } from "@/components/admin/types";
import { AuditTable } from "@/components/audit/audit-table";
import { PLAN_LABELS, ROLE_LABELS } from "@/components/shell/labels";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { getTenantDetail } from "@/lib/admin/tenant-detail";
import { isAppError } from "@/lib/errors";
import { resourceId } from "@/lib/http/params";
import { platformDb } from "@/lib/tenant/platform-db";
import { requireSuperAdminPageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Workspace · Admin" };

async function load(id: string) {
  if (!resourceId.safeParse(id).success) notFound();
  try {
    return await getTenantDetail(platformDb("super-admin"), id);
  } catch (err) {
    if (isAppError(err, "NOT_FOUND")) notFound();
    throw err;
  }
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-zinc-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export default async function AdminTenantPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSuperAdminPageContext();
  const t = await load((await params).id);
  const status = STATUS_BADGE[t.status];
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/admin" className="focus-ring rounded text-accent-700 hover:text-accent-800">
          ← All workspaces
        </Link>
      </p>
      <PageHeader
        eyebrow={
          <Badge tone={status.tone} dot>
            {status.label}
          </Badge>
        }
        title={t.name}
        description={`${t.slug} · ${t.id}`}
        actions={<SuspendControls tenantId={t.id} tenantName={t.name} status={t.status} />}
      />
      <div className="grid gap-6">
        {t.status === "SUSPENDED" && (
          <div role="status" className="rounded-xl border border-red-200 bg-red-50 px-5 py-4 text-sm text-red-800">
            Suspended {t.suspendedAt && <TimeText iso={t.suspendedAt} format="datetime" />}: {t.suspendedReason ?? "no reason given"}
          </div>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Details">
            <dl className="divide-y divide-zinc-100">
              <Row label="Plan">
                <Badge tone="accent">{PLAN_LABELS[t.plan]}</Badge>
              </Row>
              <Row label="Created">
                <TimeText iso={t.createdAt} format="date" />
              </Row>
              <Row label="Country">{t.country}</Row>
              <Row label="Billing email">{t.billingEmail ?? "—"}</Row>
              <Row label="Agents / numbers">
                {t.counts.agents} / {t.counts.phoneNumbers}
              </Row>
            </dl>
          </Card>
          <Card title="Usage this month">
            <dl className="grid grid-cols-3 gap-4 text-center">
              {[
                ["Calls", String(t.usage.calls)],
                ["Minutes", `${t.usage.minutes} / ${t.limits.monthlyMinutesQuota}`],
                ["Cost", money(t.usage.costCents)],
              ].map(([label, value]) => (
                <div key={label}>
                  <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
                  <dd className="mt-1 text-xl font-semibold text-zinc-900 tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
        <Card title="Plan and limits" description="A new plan brings its default limits; change any of them for this workspace.">
          <PlanForm key={`${t.plan}-${JSON.stringify(t.limits)}`} tenantId={t.id} plan={t.plan} limits={t.limits} />
        </Card>
        <section aria-labelledby="members-title" className="space-y-3">
          <h2 id="members-title" className="text-base font-semibold text-zinc-900">
            Members ({t.counts.members})
          </h2>
          <Table caption="Members" head={<><Th edge>Name</Th><Th>Email</Th><Th>Role</Th><Th hideBelow="md">Last sign-in</Th></>}>
            {t.members.map((m) => (
              <tr key={m.id}>
                <td className="px-3 py-3 sm:px-5">
                  {m.name} {m.disabled && <Badge tone="danger">Disabled</Badge>}
                </td>
                <td className="px-4 py-3 text-zinc-600">{m.email}</td>
                <td className="px-4 py-3">{ROLE_LABELS[m.role]}</td>
                <td className="hidden px-4 py-3 text-zinc-600 md:table-cell">{m.lastLoginAt ? <TimeText iso={m.lastLoginAt} format="relative" /> : "Never"}</td>
              </tr>
            ))}
          </Table>
        </section>
        <section aria-labelledby="audit-title" className="space-y-3">
          <div className="flex items-center justify-between">
            <h2 id="audit-title" className="text-base font-semibold text-zinc-900">
              Latest audit entries
            </h2>
            <Link href={`/admin/audit?tenant=${t.id}`} className="focus-ring rounded text-sm text-accent-700 hover:text-accent-800">
              All entries →
            </Link>
          </div>
          {t.audit.length === 0 ? <p className="text-sm text-zinc-500">Nothing recorded yet.</p> : <AuditTable entries={t.audit} caption="Latest audit entries" />}
        </section>
      </div>
    </>
  );
}
