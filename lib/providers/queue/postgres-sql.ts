// The statements of the database queue, apart from its control flow (postgres.ts). All times are the
// database's clock (`now()` in UTC, the columns being TIMESTAMP(3) in UTC as Prisma writes them), never
// a process's, so processes with skewed clocks still agree.
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { ms, NOW } from "./job-row";

export interface ClaimedRow {
  id: string;
  name: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  backoffMs: number;
}

export interface LaneSpec {
  name: string;
  attempts: number;
  backoffMs: number;
  /** Has a free slot: may claim a job in this round. */
  claimable: boolean;
}

export interface ClaimRound {
  claimed?: ClaimedRow;
  /** Schedule runs enqueued by this round (claimable by the next one). */
  fired: number;
  /** Milliseconds until the earliest delayed job or schedule of these names, if any. */
  nextDueMs: number | null;
}

const text = (values: string[]) => Prisma.sql`ARRAY[${values.length ? Prisma.join(values) : Prisma.sql`NULL`}]::text[]`;
const ints = (values: number[]) => Prisma.sql`ARRAY[${values.length ? Prisma.join(values) : Prisma.sql`NULL`}]::int[]`;

/**
 * One statement per poll, however many job types this process runs: fires the due schedules (advance
 * `nextRunAt` and insert the run together, so a crash cannot lose or double a run, and of two workers
 * only the one whose UPDATE matched enqueues; a long outage yields one run, not a backlog), claims
 * the oldest due job of any name with a free slot (FOR UPDATE SKIP LOCKED: no two consumers take the
 * same job), and reports when the next delayed job or schedule is due, so an idle poller can sleep
 * until then. The runs it fires are invisible to its own claim (same snapshot): `fired` says to poll again.
 */
export async function claimRound(db: Db, lanes: LaneSpec[], workerId: string): Promise<ClaimRound> {
  const names = lanes.map((l) => l.name);
  const claimable = lanes.filter((l) => l.claimable).map((l) => l.name);
  const rows = await db.$queryRaw<(Partial<ClaimedRow> & { fired: number; nextDueMs: number | null })[]>`
    WITH defs AS (
      SELECT * FROM unnest(${text(names)}, ${ints(lanes.map((l) => l.attempts))}, ${ints(lanes.map((l) => l.backoffMs))})
        AS d("name", "attempts", "backoffMs")
    ), due AS (
      UPDATE "JobSchedule" SET "nextRunAt" = CASE
          WHEN "nextRunAt" + "everyMs" * interval '1 millisecond' > ${NOW} THEN "nextRunAt" + "everyMs" * interval '1 millisecond'
          ELSE ${NOW} + "everyMs" * interval '1 millisecond'
        END
      WHERE "name" = ANY(${text(names)}) AND "nextRunAt" <= ${NOW}
      RETURNING "name", "payload"
    ), fired AS (
      INSERT INTO "Job" ("id", "name", "payload", "status", "attempt", "maxAttempts", "backoffMs", "runAt", "createdAt")
      SELECT gen_random_uuid()::text, due."name", due."payload", 'WAITING', 0, defs."attempts", defs."backoffMs", ${NOW}, ${NOW}
      FROM due JOIN defs ON defs."name" = due."name"
      RETURNING "id"
    ), claimed AS (
      UPDATE "Job" SET "status" = 'ACTIVE', "lockedAt" = ${NOW}, "heartbeatAt" = ${NOW}, "lockedBy" = ${workerId}, "attempt" = "attempt" + 1
      WHERE "id" = (
        SELECT "id" FROM "Job"
        WHERE "name" = ANY(${text(claimable)}) AND "status" = 'WAITING' AND "runAt" <= ${NOW}
        ORDER BY "runAt", "createdAt"
        FOR UPDATE SKIP LOCKED
        LIMIT 1
      ) AND "status" = 'WAITING'
      RETURNING "id", "name", "payload", "attempt", "maxAttempts", "backoffMs"
    )
    SELECT c."id", c."name", c."payload", c."attempt", c."maxAttempts", c."backoffMs",
           (SELECT count(*) FROM fired)::int AS "fired",
           (EXTRACT(EPOCH FROM (LEAST(
              (SELECT min("runAt") FROM "Job" WHERE "name" = ANY(${text(claimable)}) AND "status" = 'WAITING' AND "runAt" > ${NOW}),
              (SELECT min("nextRunAt") FROM "JobSchedule" WHERE "name" = ANY(${text(names)}) AND "nextRunAt" > ${NOW})
            ) - ${NOW})) * 1000)::double precision AS "nextDueMs"
    FROM (SELECT 1) AS one LEFT JOIN claimed c ON true`;
  const row = rows[0]!;
  const claimed = row.id ? (row as ClaimedRow) : undefined;
  return { claimed, fired: row.fired, nextDueMs: row.nextDueMs === null ? null : Number(row.nextDueMs) };
}

/** Renews the heartbeat of jobs this worker runs; returns the ids whose row still names it as owner. */
export async function renewLeases(db: Db, jobs: { id: string; attempt: number }[], workerId: string): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const pairs = Prisma.join(jobs.map((j) => Prisma.sql`(${j.id}, ${j.attempt}::int)`));
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job" SET "heartbeatAt" = ${NOW}
    WHERE ("id", "attempt") IN (${pairs}) AND "status" = 'ACTIVE' AND "lockedBy" = ${workerId}
    RETURNING "id"`;
  return new Set(rows.map((r) => r.id));
}

/**
 * Re-queues ACTIVE jobs whose heartbeat is older than the visibility timeout (their worker died or was
 * cut off). A job that stalls once more than its attempts allow (e.g. it crashes its worker) fails.
 */
export async function recoverStalled(db: Db, visibilityTimeoutMs: number) {
  return db.$queryRaw<{ id: string; name: string; status: string }[]>`
    UPDATE "Job" SET
      "status" = CASE WHEN "attempt" > "maxAttempts" THEN 'FAILED'::"JobStatus" ELSE 'WAITING'::"JobStatus" END,
      "lastError" = CASE WHEN "attempt" > "maxAttempts" THEN 'stalled: its worker stopped renewing the lock' ELSE "lastError" END,
      "finishedAt" = CASE WHEN "attempt" > "maxAttempts" THEN ${NOW} ELSE NULL END,
      "runAt" = ${NOW}, "lockedAt" = NULL, "lockedBy" = NULL, "heartbeatAt" = NULL
    WHERE "status" = 'ACTIVE' AND COALESCE("heartbeatAt", "lockedAt") < ${NOW} - ${ms(visibilityTimeoutMs)}
    RETURNING "id", "name", "status"::text AS "status"`;
}

const PRUNE_BATCH = 1000;

/** Deletes finished jobs past their retention, a batch at a time so no statement runs long. */
export async function pruneFinished(db: Db, retention: { completedMs: number; failedMs: number }): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < 20; batch++) {
    const n = await db.$executeRaw`
      DELETE FROM "Job" WHERE "id" IN (
        SELECT "id" FROM "Job"
        WHERE ("status" = 'COMPLETED' AND "finishedAt" < ${NOW} - ${ms(retention.completedMs)})
           OR ("status" = 'FAILED' AND "finishedAt" < ${NOW} - ${ms(retention.failedMs)})
        LIMIT ${PRUNE_BATCH}::int)`;
    total += n;
    if (n < PRUNE_BATCH) break;
  }
  return total;
}
