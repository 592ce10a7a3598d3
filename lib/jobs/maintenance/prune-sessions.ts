// Session rows (UserSession) only matter while they could still authenticate a cookie. Once expired or
// revoked for a week (kept that long so "recent sign-ins" stays readable after a sign-out), they go;
// without this job the table grows with every sign-in ever made. (Not in lib/auth/sessions.ts: that
// module is "server-only", which the worker, running outside React's server bundle, cannot import.)
import { z } from "zod";
import type { Db } from "../../db/client";
import { defineJob } from "../../providers/queue/define-job";

export const PRUNE_SESSIONS_EVERY_MS = 60 * 60_000;

export const pruneSessionsJob = defineJob({
  name: "maintenance.prune-sessions",
  schema: z.object({ keepDays: z.number().int().min(0).max(365).default(7) }),
});

/** Deletes sessions that expired or were revoked more than `keepDays` ago. Returns how many went. */
export async function pruneEndedSessions(db: Db, opts: { keepDays: number; now?: Date }): Promise<number> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.keepDays * 86_400_000);
  const { count } = await db.userSession.deleteMany({ where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] } });
  return count;
}
