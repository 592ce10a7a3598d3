// Fixed-window counters in the database ("RateLimitBucket"), so every app instance counts into the
// same window. One upsert per hit: it starts a new window when the old one has ended, otherwise adds
// one, and returns the count, so concurrent hits cannot lose an increment.
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { ipLimitKey } from "./client-ip";

export type RateLimit = { name: string; limit: number; windowMs: number };

/** The limits of the sign-in and sign-up paths; counted before any password is hashed. */
export const LIMITS = {
  loginPerIp: { name: "login:ip", limit: 20, windowMs: 60_000 },
  // Fleet-wide: about what the hash pools of a few instances can verify in a minute.
  loginGlobal: { name: "login:global", limit: 300, windowMs: 60_000 },
  // Attempts that pass validation, weak passwords included (each costs a strength check and maybe a hash).
  signUpPerIp: { name: "signup:ip", limit: 10, windowMs: 60 * 60_000 },
  signUpGlobal: { name: "signup:global", limit: 100, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSec: number };

/** Counts one hit against `limit` for `subject` and says whether it is still inside the limit. */
export async function hitRateLimit(db: Db, limit: RateLimit, subject: string, now = new Date()): Promise<RateLimitResult> {
  const key = `${limit.name}:${subject}`;
  const expired = new Date(now.getTime() - limit.windowMs);
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart", "updatedAt")
    VALUES (${key}, 1, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" <= ${expired} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= ${expired} THEN ${now} ELSE "RateLimitBucket"."windowStart" END,
      "updatedAt" = ${now}
    RETURNING "count", "windowStart"`;
  const row = rows[0]!;
  const count = Number(row.count);
  const endsAt = new Date(row.windowStart).getTime() + limit.windowMs;
  return { allowed: count <= limit.limit, count, retryAfterSec: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}

/** The same, throwing AppError THROTTLED (429, with retryAfterSec for a Retry-After header) when over. */
export async function enforceRateLimit(db: Db, limit: RateLimit, subject: string, message: string, now = new Date()): Promise<void> {
  const result = await hitRateLimit(db, limit, subject, now);
  if (!result.allowed) throw throttled(message, result.retryAfterSec);
}

export function throttled(message: string, retryAfterSec?: number): AppError {
  return new AppError("THROTTLED", message, { retryAfterSec });
}

/** Sign-up: per IP (when the address is known, see client-ip.ts), then fleet-wide. */
export async function enforceSignUpLimits(db: Db, ip: string): Promise<void> {
  const ipKey = ipLimitKey(ip);
  if (ipKey) await enforceRateLimit(db, LIMITS.signUpPerIp, ipKey, "Too many sign-ups from your network; try again later");
  await enforceRateLimit(db, LIMITS.signUpGlobal, "all", "Too many sign-ups right now; try again later");
}

/** Buckets whose window ended before `cutoff` (the pruning job's query). */
export async function pruneRateLimitBuckets(db: Db, cutoff: Date): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { updatedAt: { lt: cutoff } } });
  return count;
}
