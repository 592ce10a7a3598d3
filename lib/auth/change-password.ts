// A signed-in person changes their password: the current one proves it is them (a borrowed, unlocked
// browser is not enough), the new one must pass the same strength check as sign-up, and every other
// session ends (sessionVersion bump). The browser that made the change keeps working: the caller
// re-issues its cookie with the new version.
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { text } from "../http/text";
import { newPasswordField, PASSWORD_MAX } from "../text/password-rules";
import { hashPassword, verifyPassword } from "./password";
import { assertPasswordAcceptable } from "./password-strength";
import { endAllSessions } from "./sessions";
import { assertNotLocked, clearFailures, recordFailure, signInKeys } from "./throttle";

export const changePasswordSchema = z
  .object({
    // Tabs and line breaks stay allowed in the current password (one set before the check existed).
    currentPassword: text({ label: "Current password", max: PASSWORD_MAX, trim: false, multiline: true }).min(1, "Enter your current password"),
    newPassword: newPasswordField(),
  })
  .strict();

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Returns the user's new sessionVersion, for the cookie of the session that made the change. */
export async function changePassword(
  db: Db,
  who: { userId: string; sessionId: string; ip: string },
  input: ChangePasswordInput,
): Promise<{ sessionVersion: number }> {
  const user = await db.user.findUnique({ where: { id: who.userId }, select: { email: true, name: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");

  // Wrong current passwords count toward the sign-in throttle: this is a password oracle otherwise.
  const keys = signInKeys(user.email, who.ip);
  await assertNotLocked(db, keys, "Too many wrong passwords; try again later");
  const { ok } = await verifyPassword(input.currentPassword, user.passwordHash);
  if (!ok) {
    await recordFailure(db, keys);
    throw new AppError("VALIDATION_FAILED", "Your current password is not correct", { field: "currentPassword" });
  }
  await clearFailures(db, keys);

  if (input.newPassword === input.currentPassword) {
    throw new AppError("VALIDATION_FAILED", "Choose a password different from the current one", { field: "newPassword" });
  }
  await assertPasswordAcceptable(input.newPassword, { email: user.email, name: user.name }, "newPassword");

  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: who.userId }, data: { passwordHash } });
    await endAllSessions(tx, [who.userId], { keepSessionId: who.sessionId });
    await tx.auditLog.create({
      data: { tenantId: null, actorUserId: who.userId, action: "user.password_change", targetType: "user", targetId: who.userId },
    });
    return tx.user.findUniqueOrThrow({ where: { id: who.userId }, select: { sessionVersion: true } });
  });
}
