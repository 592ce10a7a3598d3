// Sign-in throttle rows are only needed while they can still lock someone out. Rows untouched for a
// day (and not currently locked) are dead weight; without this job the table grows with every
// distinct (email, ip) that ever failed a sign-in.
import { z } from "zod";
import type { Db } from "../../db/client";
import { defineJob } from "../../providers/queue/define-job";

export const PRUNE_AUTH_THROTTLE_EVERY_MS = 10 * 60_000;

export const pruneAuthThrottleJob = defineJob({
  name: "maintenance.prune-auth-throttle",
  schema: z.object({ olderThanHours: z.number().positive().max(24 * 365).default(24) }),
});

/** Deletes AuthThrottle rows not updated for `olderThanHours` whose lock (if any) has expired. */
export async function pruneAuthThrottle(db: Db, opts: { olderThanHours: number; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - opts.olderThanHours * 3_600_000);
  const { count } = await db.authThrottle.deleteMany({
    where: { updatedAt: { lt: cutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
  });
  return count;
}
