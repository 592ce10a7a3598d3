// Running one claimed job of the database queue and recording its outcome. An outcome is recorded
// only while the row still names this worker and attempt: a job whose lock was lost (re-queued by
// stalled-job recovery, maybe running elsewhere now) is left to its new owner.
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { retryDelayMs } from "./define-job";
import { ms, NOW } from "./job-row";
import type { ClaimedRow } from "./postgres-sql";
import { QueueShutdownError, type JobDefinition, type JobHandler } from "./types";

export interface Lane {
  job: JobDefinition;
  handler: JobHandler<unknown>;
  concurrency: number;
  active: number;
  /** The job's default retry policy, for the runs its schedules enqueue. */
  attempts: number;
  backoffMs: number;
}

export interface RunDeps {
  db: Db;
  workerId: string;
  log?: Logger;
}

export async function runClaimedJob(deps: RunDeps, row: ClaimedRow, lane: Lane, signal: AbortSignal): Promise<void> {
  const { log } = deps;
  const name = lane.job.name;
  const parsed = lane.job.schema.safeParse(row.payload);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    log?.error({ job: name, jobId: row.id, issues: parsed.error.issues }, "job payload is invalid; not retried");
    await settle(deps, row, Prisma.sql`"status" = 'FAILED', "lastError" = ${`invalid payload: ${detail}`}, "finishedAt" = ${NOW}`);
    return;
  }
  try {
    await lane.handler(parsed.data, { id: row.id, name, attempt: row.attempt, signal });
  } catch (err) {
    if (signal.aborted && signal.reason instanceof QueueShutdownError) {
      // Stopped by shutdown, not by its own fault: back to the queue without using up an attempt.
      log?.warn({ job: name, jobId: row.id }, "job stopped by shutdown; re-queued");
      await settle(deps, row, Prisma.sql`"status" = 'WAITING', "attempt" = "attempt" - 1, "runAt" = ${NOW}`);
      return;
    }
    const message = err instanceof Error ? err.stack ?? err.message : String(err);
    if (row.attempt < row.maxAttempts) {
      const wait = retryDelayMs(row.backoffMs, row.attempt);
      log?.warn({ err, job: name, jobId: row.id, attempt: row.attempt, retryInMs: wait }, "job failed; will retry");
      await settle(deps, row, Prisma.sql`"status" = 'WAITING', "lastError" = ${message}, "runAt" = ${NOW} + ${ms(wait)}`);
    } else {
      log?.error({ err, job: name, jobId: row.id, attempt: row.attempt }, "job failed");
      await settle(deps, row, Prisma.sql`"status" = 'FAILED', "lastError" = ${message}, "finishedAt" = ${NOW}`);
    }
    return;
  }
  await settle(deps, row, Prisma.sql`"status" = 'COMPLETED', "lastError" = NULL, "finishedAt" = ${NOW}`);
}

async function settle({ db, workerId, log }: RunDeps, row: ClaimedRow, set: Prisma.Sql): Promise<void> {
  try {
    const n = await db.$executeRaw`
      UPDATE "Job" SET ${set}, "lockedAt" = NULL, "lockedBy" = NULL, "heartbeatAt" = NULL
      WHERE "id" = ${row.id} AND "status" = 'ACTIVE' AND "lockedBy" = ${workerId} AND "attempt" = ${row.attempt}::int`;
    if (n === 0) log?.warn({ jobId: row.id, attempt: row.attempt }, "job outcome not recorded: its lock was lost (stalled?)");
  } catch (err) {
    // The row stays ACTIVE; stall recovery re-queues it after the visibility timeout.
    log?.error({ err, jobId: row.id }, "could not record a job's outcome");
  }
}
