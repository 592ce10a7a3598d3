// Sign-in throttling per (email, ip). Kept in the database so every app instance shares it.
// After MAX_FAILURES failures inside WINDOW_MS the key is locked for LOCK_MS.
import { createHash } from "node:crypto";
import type { Db } from "../db/client";

export const THROTTLE = { MAX_FAILURES: 5, WINDOW_MS: 15 * 60_000, LOCK_MS: 15 * 60_000 } as const;

export function throttleKey(email: string, ip: string): string {
  return createHash("sha256").update(`${email.toLowerCase()}|${ip}`).digest("hex");
}

export async function isLocked(db: Db, key: string, now = new Date()): Promise<boolean> {
  const row = await db.authThrottle.findUnique({ where: { key } });
  return !!row?.lockedUntil && row.lockedUntil > now;
}

export async function recordFailure(db: Db, key: string, now = new Date()): Promise<void> {
  // One statement so concurrent failures cannot lose a count.
  await db.$executeRaw`
    INSERT INTO "AuthThrottle" ("key", "failures", "windowStart", "lockedUntil", "updatedAt")
    VALUES (${key}, 1, ${now}, NULL, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."windowStart" < ${new Date(now.getTime() - THROTTLE.WINDOW_MS)}
                        THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${new Date(now.getTime() - THROTTLE.WINDOW_MS)}
                        THEN ${now} ELSE "AuthThrottle"."windowStart" END,
      "updatedAt" = ${now}`;
  await db.$executeRaw`
    UPDATE "AuthThrottle" SET "lockedUntil" = ${new Date(now.getTime() + THROTTLE.LOCK_MS)}
    WHERE "key" = ${key} AND "failures" >= ${THROTTLE.MAX_FAILURES} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})`;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key } });
}
