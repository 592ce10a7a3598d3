// Disabling a person ends every session they have (sessionVersion bump, rows revoked) and refuses
// their next sign-in (lib/auth/authenticate.ts checks disabledAt).
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError, notFound } from "../errors";
import { text } from "../http/text";
import { endAllSessions } from "../auth/sessions";
import { requestOrigin } from "../http/request-origin";

export const disableUserSchema = z.object({ reason: text({ label: "Reason", max: 500, multiline: true }).optional() }).strict();

type Actor = { userId: string };

export async function disableUser(db: Db, actor: Actor, userId: string, reason?: string, now = new Date()): Promise<void> {
  if (actor.userId === userId) throw new AppError("CONFLICT", "You cannot disable your own account");
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId }, data: { disabledAt: now } });
    if (count === 0) throw notFound("User");
    await endAllSessions(tx, [userId], { now });
    await tx.auditLog.create({
      data: { tenantId: null, actorUserId: actor.userId, action: "user.disable", targetType: "user", targetId: userId, metadata: reason ? { reason } : undefined, ...requestOrigin() },
    });
  });
}
