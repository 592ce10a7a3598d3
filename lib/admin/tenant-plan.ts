// A super admin changes a workspace's plan and/or its limits. A new plan brings that plan's default
// limits (lib/billing/plans.ts); limits given alongside override them, as do limits given alone. The
// change and what it replaced are in the audit log.
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { Plan } from "../db/generated/enums";
import { AppError, notFound } from "../errors";
import { requestOrigin } from "../http/request-origin";
import { PLAN_QUOTAS, type PlanQuotas } from "../billing/plans";

const limit = (max: number) => z.number().int().min(0).max(max);

export const limitsSchema = z.strictObject({
  monthlyMinutesQuota: limit(10_000_000),
  maxAgents: limit(100_000),
  maxPhoneNumbers: limit(100_000),
  maxKnowledgeDocuments: limit(1_000_000),
  maxKnowledgeMegabytes: limit(10_000_000),
  maxConcurrentCalls: limit(100_000),
});

export const tenantPlanSchema = z
  .strictObject({ plan: z.enum(Plan).optional(), limits: limitsSchema.partial().optional() })
  .refine((v) => v.plan !== undefined || (v.limits && Object.keys(v.limits).length > 0), { message: "Give a plan or at least one limit" });

export type TenantPlanChange = z.infer<typeof tenantPlanSchema>;
type Actor = { userId: string };

const LIMIT_KEYS = Object.keys(limitsSchema.shape) as (keyof PlanQuotas)[];

export async function changeTenantPlan(db: Db, actor: Actor, tenantId: string, change: TenantPlanChange): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id: tenantId } });
    if (!before) throw notFound("Workspace");
    if (before.status === "CANCELLED") throw new AppError("CONFLICT", "A cancelled workspace cannot change plans");
    const limits: Partial<PlanQuotas> = { ...(change.plan ? PLAN_QUOTAS[change.plan] : {}), ...change.limits };
    const changed: Record<string, { from: number; to: number }> = {};
    for (const key of LIMIT_KEYS) {
      const to = limits[key];
      if (to !== undefined && to !== before[key]) changed[key] = { from: before[key], to };
    }
    await tx.tenant.update({ where: { id: tenantId }, data: { ...(change.plan ? { plan: change.plan } : {}), ...limits } });
    const planChanged = change.plan !== undefined && change.plan !== before.plan;
    await tx.auditLog.create({
      data: {
        tenantId,
        actorUserId: actor.userId,
        action: change.plan ? "tenant.plan_change" : "tenant.limits_change",
        targetType: "tenant",
        targetId: tenantId,
        metadata: { ...(planChanged ? { plan: { from: before.plan, to: change.plan } } : {}), limits: changed },
        ...requestOrigin(),
      },
    });
  });
}
