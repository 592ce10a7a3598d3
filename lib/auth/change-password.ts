// A signed-in person changes their password: the current one proves it is them (a borrowed, unlocked
// browser is not enough), the new one must pass the same strength check as sign-up, and every other
// session ends (sessionVersion bump). The browser that made the change keeps working: the caller
// re-issues its cookie with the new version.
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError, isAppError } from "../errors";
import { text } from "../http/text";
import { hashPassword, verifyPassword } from "./password";
import { assertPasswordAcceptable } from "./password-strength";
import { endAllSessions } from "./sessions";
import { clearFailures, lockedForSec, recordFailure, signInKeys } from "./throttle";
import { PASSWORD_MIN } from "./signup";

export const changePasswordSchema = z
  .object({
    // Tabs and line breaks stay allowed in the current password (one set before the check existed).
    currentPassword: text({ label: "Current password", max: 200, trim: false, multiline: true }).min(1, "Enter your current password"),
    newPassword: text({ label: "Password", max: 200, trim: false })
      .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
      .max(200, "Password must be at most 200 characters"),
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
  const lockedSec = await lockedForSec(db, keys);
  if (lockedSec > 0) throw new AppError("THROTTLED", "Too many wrong passwords; try again later", { retryAfterSec: lockedSec });
  const { ok } = await verifyPassword(input.currentPassword, user.passwordHash);
  if (!ok) {
    await recordFailure(db, keys);
    throw new AppError("VALIDATION_FAILED", "Your current password is not correct", { field: "currentPassword" });
  }
  await clearFailures(db, keys);

  if (input.newPassword === input.currentPassword) {
    throw new AppError("VALIDATION_FAILED", "Choose a password different from the current one", { field: "newPassword" });
  }
  try {
    await assertPasswordAcceptable(input.newPassword, { email: user.email, name: user.name });
  } catch (err) {
    if (isAppError(err, "VALIDATION_FAILED")) throw new AppError("VALIDATION_FAILED", err.message, { field: "newPassword" });
    throw err;
  }

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
