// Sign-in throttling, kept in the database so every app instance shares it. Two keys per attempt:
//   (email, ip)  MAX_FAILURES failures inside WINDOW_MS lock the pair: someone mistyping at their desk
//   email        EMAIL_MAX_FAILURES failures from any address lock the email: a guesser who rotates IPs
// A lock lasts BASE_LOCK_MS, doubling with each lockout in a row up to MAX_LOCK_MS, so a guesser gets
// a handful of tries per hour per email while the real user is never locked out for longer than that;
// a successful sign-in deletes both rows, and a key without failures for a day starts over.
// Keys are the email as typed, whether or not an account has it: unknown emails throttle exactly like
// known ones, so the throttle reveals nothing about which accounts exist.
import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { throttled } from "./rate-limit";

export const THROTTLE = {
  MAX_FAILURES: 5,
  EMAIL_MAX_FAILURES: 10,
  WINDOW_MS: 15 * 60_000,
  BASE_LOCK_MS: 60_000,
  MAX_LOCK_MS: 60 * 60_000,
  FORGET_AFTER_MS: 24 * 60 * 60_000,
} as const;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The (email, ip) key. */
export function throttleKey(email: string, ip: string): string {
  return sha256(`${email.toLowerCase()}|${ip}`);
}

/** The email key, whatever the address (no "|" inside, so it never equals a pair key). */
export function emailThrottleKey(email: string): string {
  return sha256(`email:${email.toLowerCase()}`);
}

export type SignInKeys = { pair: string; email: string };

export function signInKeys(email: string, ip: string): SignInKeys {
  return { pair: throttleKey(email, ip), email: emailThrottleKey(email) };
}

/** Lock length after `lockouts` earlier lockouts in a row: 1, 2, 4, ... minutes, at most an hour. */
export function lockDurationMs(lockouts: number): number {
  return Math.min(THROTTLE.BASE_LOCK_MS * 2 ** Math.min(lockouts, 30), THROTTLE.MAX_LOCK_MS);
}

/** Seconds until every lock on these keys has ended; 0 when none is locked. */
export async function lockedForSec(db: Db, keys: SignInKeys, now = new Date()): Promise<number> {
  const rows = await db.authThrottle.findMany({
    where: { key: { in: [keys.pair, keys.email] }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Throws THROTTLED, with the time left, while either key is locked. */
export async function assertNotLocked(db: Db, keys: SignInKeys, message: string, now = new Date()): Promise<void> {
  const sec = await lockedForSec(db, keys, now);
  if (sec > 0) throw throttled(message, sec);
}

export async function recordFailure(db: Db, keys: SignInKeys, now = new Date()): Promise<void> {
  await bump(db, keys.pair, THROTTLE.MAX_FAILURES, now);
  await bump(db, keys.email, THROTTLE.EMAIL_MAX_FAILURES, now);
}

async function bump(db: Db, key: string, maxFailures: number, now: Date): Promise<void> {
  const windowBefore = new Date(now.getTime() - THROTTLE.WINDOW_MS);
  const forgetBefore = new Date(now.getTime() - THROTTLE.FORGET_AFTER_MS);
  // One statement so concurrent failures cannot lose a count. (In SET, "AuthThrottle".x is the old row.)
  const [row] = await db.$queryRaw<{ failures: number; lockouts: number }[]>`
    INSERT INTO "AuthThrottle" ("key", "failures", "windowStart", "lockedUntil", "lockouts", "updatedAt")
    VALUES (${key}, 1, ${now}, NULL, 0, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."windowStart" < ${windowBefore} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${windowBefore} THEN ${now} ELSE "AuthThrottle"."windowStart" END,
      "lockouts" = CASE WHEN "AuthThrottle"."updatedAt" < ${forgetBefore} THEN 0 ELSE "AuthThrottle"."lockouts" END,
      "updatedAt" = ${now}
    RETURNING "failures", "lockouts"`;
  if (!row || Number(row.failures) < maxFailures) return;
  // Lock, and start counting afresh for after the lock. The lockouts/lock conditions make this a no-op
  // for a concurrent failure that already locked the key.
  const lockouts = Number(row.lockouts);
  await db.authThrottle.updateMany({
    where: { key, lockouts, failures: { gte: maxFailures }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil: new Date(now.getTime() + lockDurationMs(lockouts)), lockouts: lockouts + 1, failures: 0, windowStart: now, updatedAt: now },
  });
}

/** After a successful sign-in: both keys start over, lockout history included. */
export async function clearFailures(db: Db, keys: SignInKeys): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: { in: [keys.pair, keys.email] } } });
}
