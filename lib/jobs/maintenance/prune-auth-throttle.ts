// Sign-in throttle rows are only needed while they can still lock someone out. Rows untouched for a
// day (and not currently locked) are dead weight; without this job the table grows with every
// distinct (email, ip) that ever failed a sign-in. The rate-limit buckets (RateLimitBucket) go too, once
// their window has ended: a bucket not touched for the longest window can no longer refuse anything.
import { z } from "zod";
import { LIMITS, pruneRateLimitBuckets } from "../../auth/rate-limit";
import type { Db } from "../../db/client";
import { defineJob } from "../../providers/queue/define-job";

export const PRUNE_AUTH_THROTTLE_EVERY_MS = 10 * 60_000;

export const pruneAuthThrottleJob = defineJob({
  name: "maintenance.prune-auth-throttle",
  schema: z.object({ olderThanHours: z.number().positive().max(24 * 365).default(24) }),
});

const LONGEST_WINDOW_MS = Math.max(...Object.values(LIMITS).map((l) => l.windowMs));

/**
 * Deletes AuthThrottle rows not updated for `olderThanHours` whose lock (if any) has expired, and
 * rate-limit buckets whose window has ended. Returns how many rows went, both tables together.
 */
export async function pruneAuthThrottle(db: Db, opts: { olderThanHours: number; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - opts.olderThanHours * 3_600_000);
  const { count } = await db.authThrottle.deleteMany({
    where: { updatedAt: { lt: cutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
  });
  return count + (await pruneRateLimitBuckets(db, new Date(now.getTime() - LONGEST_WINDOW_MS)));
}
