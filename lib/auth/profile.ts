// A signed-in person edits their profile: the name freely; the email only with the current password
// (it is what they sign in with, so a borrowed, unlocked browser must not be able to take the account
// over), and never to an address another account has (409 EMAIL_TAKEN). Wrong passwords count toward
// the sign-in throttle, as for a password change.
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError } from "../errors";
import { requestOrigin } from "../http/request-origin";
import { text } from "../http/text";
import { PASSWORD_MAX } from "../text/password-rules";
import { verifyPassword } from "./password";
import { assertNotLocked, clearFailures, recordFailure, signInKeys } from "./throttle";

export const profileUpdateSchema = z
  .object({
    name: text({ label: "Name", min: 1, max: 100 }).optional(),
    email: text({ label: "Email", max: 254 }).toLowerCase().email("Enter a valid email address").optional(),
    currentPassword: text({ label: "Current password", max: PASSWORD_MAX, trim: false, multiline: true }).optional(),
  })
  .strict();

export type ProfileUpdateInput = z.infer<typeof profileUpdateSchema>;
export type Profile = { id: string; name: string; email: string };

async function assertCurrentPassword(db: Db, user: { email: string; passwordHash: string }, password: string | undefined, ip: string) {
  if (!password) throw new AppError("VALIDATION_FAILED", "Enter your current password to change your email", { field: "currentPassword" });
  const keys = signInKeys(user.email, ip);
  await assertNotLocked(db, keys, "Too many wrong passwords; try again later");
  if (!(await verifyPassword(password, user.passwordHash)).ok) {
    await recordFailure(db, keys);
    throw new AppError("VALIDATION_FAILED", "Your current password is not correct", { field: "currentPassword" });
  }
  await clearFailures(db, keys);
}

export async function updateProfile(db: Db, who: { userId: string; ip: string }, input: ProfileUpdateInput): Promise<Profile> {
  const user = await db.user.findUnique({ where: { id: who.userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const emailChanges = input.email !== undefined && input.email !== user.email;
  if (emailChanges) await assertCurrentPassword(db, user, input.currentPassword, who.ip);
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: who.userId },
        data: { ...(input.name !== undefined && { name: input.name }), ...(emailChanges && { email: input.email }) },
        select: { id: true, name: true, email: true },
      });
      if (emailChanges) {
        await tx.auditLog.create({
          data: { tenantId: null, actorUserId: who.userId, action: "user.email_change", targetType: "user", targetId: who.userId, metadata: { from: user.email, to: updated.email }, ...requestOrigin() },
        });
      }
      return updated;
    });
  } catch (err) {
    if (isUniqueViolation(err, ["email"])) throw new AppError("EMAIL_TAKEN", "Another account already uses this email", { field: "email" });
    throw err;
  }
}
