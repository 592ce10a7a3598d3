// Suspending a workspace stops it at once: its status is checked on every request, and every member's
// sessionVersion is bumped so their sessions end too (after a resume they sign in again, rather than
// an old cookie coming back to life). Resuming only reopens it. Both leave an audit entry.
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError, notFound } from "../errors";
import { text } from "../http/text";
import { endAllSessions } from "../auth/sessions";
import { requestOrigin } from "../http/request-origin";

export const suspendSchema = z.object({ reason: text({ label: "Reason", max: 500, multiline: true }).min(1, "Say why") }).strict();

type Actor = { userId: string };

export async function suspendTenant(db: Db, actor: Actor, tenantId: string, reason: string, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
    if (!tenant) throw notFound("Workspace");
    if (tenant.status === "CANCELLED") throw new AppError("CONFLICT", "A cancelled workspace cannot be suspended");
    await tx.tenant.update({ where: { id: tenantId }, data: { status: "SUSPENDED", suspendedAt: now, suspendedReason: reason } });
    const members = await tx.membership.findMany({ where: { tenantId }, select: { userId: true } });
    await endAllSessions(tx, members.map((m) => m.userId), { now });
    await tx.auditLog.create({
      data: { tenantId, actorUserId: actor.userId, action: "tenant.suspend", targetType: "tenant", targetId: tenantId, metadata: { reason }, ...requestOrigin() },
    });
  });
}

export async function resumeTenant(db: Db, actor: Actor, tenantId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
    if (!tenant) throw notFound("Workspace");
    if (tenant.status !== "SUSPENDED") throw new AppError("CONFLICT", "Only a suspended workspace can be resumed");
    await tx.tenant.update({ where: { id: tenantId }, data: { status: "ACTIVE", suspendedAt: null, suspendedReason: null } });
    await tx.auditLog.create({
      data: { tenantId, actorUserId: actor.userId, action: "tenant.resume", targetType: "tenant", targetId: tenantId, ...requestOrigin() },
    });
  });
}
