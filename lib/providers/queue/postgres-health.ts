// health() of the database queue: reachability within a deadline and the per-name counts, read from
// the table (so a producer sees the jobs other processes run), not from memory.
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { elapsed, withTimeout } from "../../health/checks";
import { NOW } from "./job-row";
import type { JobCounts, QueueHealth } from "./types";

export async function queueHealth(db: Db, names: string[], opts: { timeoutMs: number; closed: boolean }): Promise<QueueHealth> {
  const started = performance.now();
  try {
    const probe = (async () => {
      await db.$queryRaw`SELECT 1`;
      const latencyMs = elapsed(started);
      const jobs: Record<string, JobCounts> = {};
      for (const name of names) jobs[name] = { waiting: 0, active: 0, delayed: 0, failed: 0 };
      if (names.length > 0) {
        const rows = await db.$queryRaw<({ name: string } & JobCounts)[]>`
          SELECT "name",
                 (count(*) FILTER (WHERE "status" = 'WAITING' AND "runAt" <= ${NOW}))::int AS "waiting",
                 (count(*) FILTER (WHERE "status" = 'ACTIVE'))::int AS "active",
                 (count(*) FILTER (WHERE "status" = 'WAITING' AND "runAt" > ${NOW}))::int AS "delayed",
                 (count(*) FILTER (WHERE "status" = 'FAILED'))::int AS "failed"
          FROM "Job"
          WHERE "name" IN (${Prisma.join(names)}) AND "status" <> 'COMPLETED'
          GROUP BY "name"`;
        for (const r of rows) jobs[r.name] = { waiting: r.waiting, active: r.active, delayed: r.delayed, failed: r.failed };
      }
      return { latencyMs, jobs };
    })();
    const { latencyMs, jobs } = await withTimeout(probe, opts.timeoutMs, "The database");
    return { status: opts.closed ? "down" : "ok", mode: "postgres", latencyMs, ...(opts.closed ? { error: "closed" } : {}), jobs };
  } catch (err) {
    return { status: "down", mode: "postgres", latencyMs: elapsed(started), error: (err as Error).message, jobs: {} };
  }
}
