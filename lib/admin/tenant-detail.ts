// One workspace as the super admin's tenant page shows it: its row (plan, limits, status and why),
// its members, this month's usage (calls, minutes, cost) and its latest audit entries.
import "server-only";
import type { Db } from "../db/client";
import { notFound } from "../errors";
import { monthStart, nextMonthStart } from "../billing/plans";
import { toAuditEntryJson, AUDIT_ENTRY_SELECT } from "../audit/serialize";

const RECENT_AUDIT = 20;

export async function getTenantDetail(db: Db, tenantId: string, now = new Date()) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw notFound("Workspace");
  const month = { gte: monthStart(now), lt: nextMonthStart(now) };
  const [members, agents, phoneNumbers, usage, audit] = await Promise.all([
    db.membership.findMany({
      where: { tenantId },
      orderBy: { createdAt: "asc" },
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true, disabledAt: true, lastLoginAt: true } } },
    }),
    db.agent.count({ where: { tenantId } }),
    db.phoneNumber.count({ where: { tenantId } }),
    db.call.aggregate({ where: { tenantId, startedAt: month }, _count: { _all: true }, _sum: { durationSec: true, costCents: true } }),
    db.auditLog.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: RECENT_AUDIT, select: AUDIT_ENTRY_SELECT }),
  ]);
  const seconds = usage._sum.durationSec ?? 0;
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    plan: tenant.plan,
    status: tenant.status,
    suspendedAt: tenant.suspendedAt?.toISOString() ?? null,
    suspendedReason: tenant.suspendedReason,
    country: tenant.country,
    billingEmail: tenant.billingEmail,
    createdAt: tenant.createdAt.toISOString(),
    limits: {
      monthlyMinutesQuota: tenant.monthlyMinutesQuota,
      maxAgents: tenant.maxAgents,
      maxPhoneNumbers: tenant.maxPhoneNumbers,
      maxKnowledgeDocuments: tenant.maxKnowledgeDocuments,
      maxKnowledgeMegabytes: tenant.maxKnowledgeMegabytes,
      maxConcurrentCalls: tenant.maxConcurrentCalls,
    },
    members: members.map((m) => ({
      id: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      disabled: m.user.disabledAt !== null,
      lastLoginAt: m.user.lastLoginAt?.toISOString() ?? null,
      joinedAt: m.createdAt.toISOString(),
    })),
    counts: { members: members.length, agents, phoneNumbers },
    usage: {
      periodStart: month.gte.toISOString(),
      calls: usage._count._all,
      minutes: Math.round(seconds / 6) / 10,
      costCents: usage._sum.costCents ?? 0,
    },
    audit: audit.map(toAuditEntryJson),
  };
}

export type TenantDetail = Awaited<ReturnType<typeof getTenantDetail>>;
