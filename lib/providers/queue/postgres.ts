// The Queue on the database: jobs are rows of "Job", so any process (app, voice server, worker) can
// enqueue and whichever process called `process()` for a name runs them. The default when REDIS_URL
// is unset, on a real PostgreSQL server or on the embedded PGlite served over the wire.
//
// Claiming is one statement (UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED)), so two
// consumers never take the same job. Consumers poll every `pollMs` and re-poll at once after
// finishing a job or when this process enqueues one. A job whose consumer died (ACTIVE, lock older
// than `visibilityTimeoutMs`) goes back to WAITING; a running job renews its lock meanwhile.
// Schedules live in "JobSchedule"; every consumer of the name advances `nextRunAt` atomically and
// enqueues the run in the same statement, so one run per interval however many workers there are.
// All times are the database's clock (`now()` in UTC, the columns being TIMESTAMP(3) in UTC as Prisma
// writes them), never a process's, so processes with skewed clocks still agree.
// Retention: COMPLETED jobs are deleted after `completedRetentionMs` (7 days); FAILED ones are kept
// for inspection (TODO: bound them too if they ever pile up).
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { resolveRetry, retryDelayMs, toWireJson } from "./define-job";
import {
  QueueClosedError,
  type EnqueueOptions,
  type JobCounts,
  type JobDefinition,
  type JobHandler,
  type JobInput,
  type JobPayload,
  type ProcessOptions,
  type Queue,
  type QueueHealth,
  type ScheduleOptions,
} from "./types";

export interface PostgresQueueOptions {
  /** The Prisma client to use. Not disconnected by close(): its owner does that. */
  db: Db;
  logger?: Logger;
  /** How often consumers look for due jobs and schedules. Default 200 ms. */
  pollMs?: number;
  /** An ACTIVE job whose lock is older than this is considered abandoned and re-queued. Default 5 min. */
  visibilityTimeoutMs?: number;
  /** COMPLETED jobs older than this are deleted. Default 7 days. */
  completedRetentionMs?: number;
  /** Upper bound for `health()`. Default 2000 ms. */
  healthTimeoutMs?: number;
  /** Written to "lockedBy" of claimed jobs. Default host:pid:random. */
  workerId?: string;
}

interface Lane {
  job: JobDefinition;
  handler: JobHandler<unknown>;
  concurrency: number;
  active: number;
  polling: boolean;
  again: boolean;
}

interface ClaimedRow {
  id: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  backoffMs: number;
}

// The database's "now" in the UTC wall-clock form the TIMESTAMP(3) columns hold.
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
const ms = (n: number) => Prisma.sql`(${n}::double precision * interval '1 millisecond')`;

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_BATCH = 1000;

export class PostgresQueue implements Queue {
  readonly mode = "postgres" as const;
  private readonly db: Db;
  private readonly log?: Logger;
  private readonly workerId: string;
  private readonly pollMs: number;
  private readonly visibilityTimeoutMs: number;
  private readonly retentionMs: number;
  private readonly lanes = new Map<string, Lane>();
  /** Names this process enqueued, processed or scheduled: what health() reports on. */
  private readonly known = new Set<string>();
  /** Running handlers (job id -> its promise) and in-flight polls; close() waits for both. */
  private readonly running = new Map<string, { promise: Promise<void>; attempt: number }>();
  private readonly polls = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private lastRecovery = 0;
  private lastPrune = 0;
  private closed = false;

  constructor(private readonly opts: PostgresQueueOptions) {
    this.db = opts.db;
    this.log = opts.logger;
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pollMs = Math.max(10, opts.pollMs ?? 200);
    this.visibilityTimeoutMs = Math.max(1000, opts.visibilityTimeoutMs ?? 5 * 60_000);
    this.retentionMs = opts.completedRetentionMs ?? 7 * DAY_MS;
  }

  async enqueue<D extends JobDefinition>(job: D, payload: JobInput<D>, opts: EnqueueOptions = {}): Promise<{ id: string }> {
    this.assertOpen();
    const data = toWireJson(job.schema.parse(payload));
    const { attempts, backoffMs } = resolveRetry(job, opts);
    const delayMs = opts.delayMs && opts.delayMs > 0 ? opts.delayMs : 0;
    const id = randomUUID();
    await this.db.$executeRaw`
      INSERT INTO "Job" ("id", "name", "payload", "status", "attempt", "maxAttempts", "backoffMs", "runAt", "createdAt")
      VALUES (${id}, ${job.name}, ${JSON.stringify(data ?? null)}::jsonb, 'WAITING', 0, ${attempts}::int, ${backoffMs}::int,
              ${NOW} + ${ms(delayMs)}, ${NOW})`;
    this.known.add(job.name);
    // A consumer in this very process need not wait for its next poll.
    const lane = this.lanes.get(job.name);
    if (lane && delayMs === 0) this.poll(lane);
    return { id };
  }

  async process<D extends JobDefinition>(job: D, handler: JobHandler<JobPayload<D>>, opts: ProcessOptions = {}): Promise<void> {
    this.assertOpen();
    if (this.lanes.has(job.name)) throw new Error(`A processor for "${job.name}" is already registered`);
    const lane: Lane = {
      job,
      handler: handler as JobHandler<unknown>,
      concurrency: Math.max(1, opts.concurrency ?? 1),
      active: 0,
      polling: false,
      again: false,
    };
    this.lanes.set(job.name, lane);
    this.known.add(job.name);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.pollMs);
      this.timer.unref();
    }
    this.poll(lane);
  }

  async schedule<D extends JobDefinition>(job: D, opts: ScheduleOptions<JobInput<D>>): Promise<void> {
    this.assertOpen();
    if (!(opts.everyMs > 0)) throw new Error(`everyMs must be > 0, got ${opts.everyMs}`);
    const data = JSON.stringify(toWireJson(job.schema.parse(opts.payload)) ?? null);
    const id = opts.scheduleId ?? job.name;
    const everyMs = Math.round(opts.everyMs);
    // Idempotent across restarts: an unchanged schedule keeps its next run (so every worker calling
    // this at start does not trigger extra runs); a new or changed one is due immediately.
    await this.db.$executeRaw`
      INSERT INTO "JobSchedule" ("id", "name", "everyMs", "payload", "nextRunAt", "updatedAt")
      VALUES (${id}, ${job.name}, ${everyMs}::int, ${data}::jsonb, ${NOW}, ${NOW})
      ON CONFLICT ("id") DO UPDATE SET
        "name" = EXCLUDED."name",
        "everyMs" = EXCLUDED."everyMs",
        "payload" = EXCLUDED."payload",
        "nextRunAt" = CASE
          WHEN "JobSchedule"."name" = EXCLUDED."name" AND "JobSchedule"."everyMs" = EXCLUDED."everyMs"
               AND "JobSchedule"."payload" = EXCLUDED."payload"
            THEN LEAST("JobSchedule"."nextRunAt", ${NOW} + ${ms(everyMs)})
          ELSE EXCLUDED."nextRunAt"
        END,
        "updatedAt" = EXCLUDED."updatedAt"`;
    this.known.add(job.name);
    const lane = this.lanes.get(job.name);
    if (lane) this.poll(lane);
  }

  async health(): Promise<QueueHealth> {
    const started = performance.now();
    const timeoutMs = this.opts.healthTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const probe = (async () => {
        await this.db.$queryRaw`SELECT 1`;
        const latencyMs = elapsed(started);
        const jobs: Record<string, JobCounts> = {};
        const names = [...this.known];
        for (const name of names) jobs[name] = { waiting: 0, active: 0, delayed: 0, failed: 0 };
        if (names.length > 0) {
          const rows = await this.db.$queryRaw<({ name: string } & JobCounts)[]>`
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
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`The database did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const { latencyMs, jobs } = await Promise.race([probe, timeout]);
      return { status: this.closed ? "down" : "ok", mode: this.mode, latencyMs, ...(this.closed ? { error: "closed" } : {}), jobs };
    } catch (err) {
      return { status: "down", mode: this.mode, latencyMs: elapsed(started), error: (err as Error).message, jobs: {} };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    // Polls may still hand out a job they claimed before seeing `closed`; that job runs to the end too.
    while (this.polls.size > 0 || this.running.size > 0) {
      await Promise.allSettled([...this.polls, ...[...this.running.values()].map((r) => r.promise)]);
    }
  }

  private tick(): void {
    if (this.closed) return;
    const now = Date.now();
    if (now - this.lastRecovery >= Math.min(30_000, Math.max(this.pollMs, this.visibilityTimeoutMs / 4))) {
      this.lastRecovery = now;
      this.track(this.maintain(now));
    }
    for (const lane of this.lanes.values()) this.poll(lane);
  }

  /** Renews the locks of running jobs, re-queues abandoned ones, and now and then prunes old ones. */
  private async maintain(now: number): Promise<void> {
    try {
      const mine = [...this.running.keys()];
      if (mine.length > 0) {
        await this.db.$executeRaw`
          UPDATE "Job" SET "lockedAt" = ${NOW}
          WHERE "id" IN (${Prisma.join(mine)}) AND "status" = 'ACTIVE' AND "lockedBy" = ${this.workerId}`;
      }
      // A job that stalls once more than its attempts allow (e.g. it crashes its worker) fails.
      const recovered = await this.db.$queryRaw<{ id: string; name: string; status: string }[]>`
        UPDATE "Job" SET
          "status" = CASE WHEN "attempt" > "maxAttempts" THEN 'FAILED'::"JobStatus" ELSE 'WAITING'::"JobStatus" END,
          "lastError" = CASE WHEN "attempt" > "maxAttempts" THEN 'stalled: its worker stopped renewing the lock' ELSE "lastError" END,
          "finishedAt" = CASE WHEN "attempt" > "maxAttempts" THEN ${NOW} ELSE NULL END,
          "runAt" = ${NOW}, "lockedAt" = NULL, "lockedBy" = NULL
        WHERE "status" = 'ACTIVE' AND "lockedAt" < ${NOW} - ${ms(this.visibilityTimeoutMs)}
        RETURNING "id", "name", "status"::text AS "status"`;
      for (const r of recovered) this.log?.warn({ job: r.name, jobId: r.id, status: r.status }, "recovered a stalled job");
      if (now - this.lastPrune >= PRUNE_EVERY_MS) {
        this.lastPrune = now;
        const pruned = await this.db.$executeRaw`
          DELETE FROM "Job" WHERE "id" IN (
            SELECT "id" FROM "Job" WHERE "status" = 'COMPLETED' AND "finishedAt" < ${NOW} - ${ms(this.retentionMs)}
            LIMIT ${PRUNE_BATCH}::int)`;
        if (pruned > 0) this.log?.debug({ pruned }, "pruned completed jobs");
      }
    } catch (err) {
      this.log?.warn({ err }, "queue maintenance failed");
    }
  }

  /** Fires due schedules of the lane's name, then claims jobs until the lane is full or none is due. */
  private poll(lane: Lane): void {
    if (this.closed) return;
    if (lane.polling) {
      lane.again = true;
      return;
    }
    lane.polling = true;
    this.track(
      (async () => {
        try {
          await this.fireSchedules(lane.job);
          while (!this.closed && lane.active < lane.concurrency) {
            const row = await this.claim(lane.job.name);
            if (!row) break;
            this.start(lane, row);
          }
        } catch (err) {
          this.log?.warn({ err, job: lane.job.name }, "queue poll failed");
        } finally {
          lane.polling = false;
          if (lane.again) {
            lane.again = false;
            this.poll(lane);
          }
        }
      })(),
    );
  }

  private async fireSchedules(job: JobDefinition): Promise<void> {
    const { attempts, backoffMs } = resolveRetry(job);
    // Advance and enqueue in one statement: a crash cannot lose or double a run, and of two workers
    // only the one whose UPDATE matched enqueues. A long outage yields one run, not a backlog.
    await this.db.$executeRaw`
      WITH due AS (
        UPDATE "JobSchedule" SET "nextRunAt" = CASE
            WHEN "nextRunAt" + "everyMs" * interval '1 millisecond' > ${NOW} THEN "nextRunAt" + "everyMs" * interval '1 millisecond'
            ELSE ${NOW} + "everyMs" * interval '1 millisecond'
          END
        WHERE "name" = ${job.name} AND "nextRunAt" <= ${NOW}
        RETURNING "name", "payload"
      )
      INSERT INTO "Job" ("id", "name", "payload", "status", "attempt", "maxAttempts", "backoffMs", "runAt", "createdAt")
      SELECT gen_random_uuid()::text, "name", "payload", 'WAITING', 0, ${attempts}::int, ${backoffMs}::int, ${NOW}, ${NOW} FROM due`;
  }

  private async claim(name: string): Promise<ClaimedRow | undefined> {
    const rows = await this.db.$queryRaw<ClaimedRow[]>`
      UPDATE "Job" SET "status" = 'ACTIVE', "lockedAt" = ${NOW}, "lockedBy" = ${this.workerId}, "attempt" = "attempt" + 1
      WHERE "id" = (
        SELECT "id" FROM "Job"
        WHERE "name" = ${name} AND "status" = 'WAITING' AND "runAt" <= ${NOW}
        ORDER BY "runAt", "createdAt"
        FOR UPDATE SKIP LOCKED
        LIMIT 1
      ) AND "status" = 'WAITING'
      RETURNING "id", "payload", "attempt", "maxAttempts", "backoffMs"`;
    return rows[0];
  }

  private start(lane: Lane, row: ClaimedRow): void {
    lane.active++;
    const promise = this.run(lane, row).finally(() => {
      lane.active--;
      this.running.delete(row.id);
      this.poll(lane);
    });
    this.running.set(row.id, { promise, attempt: row.attempt });
  }

  private async run(lane: Lane, row: ClaimedRow): Promise<void> {
    const name = lane.job.name;
    const parsed = lane.job.schema.safeParse(row.payload);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
      this.log?.error({ job: name, jobId: row.id, issues: parsed.error.issues }, "job payload is invalid; not retried");
      await this.settle(row, Prisma.sql`"status" = 'FAILED', "lastError" = ${`invalid payload: ${detail}`}, "finishedAt" = ${NOW}`);
      return;
    }
    try {
      await lane.handler(parsed.data, { id: row.id, name, attempt: row.attempt });
    } catch (err) {
      const message = err instanceof Error ? err.stack ?? err.message : String(err);
      if (row.attempt < row.maxAttempts) {
        const wait = retryDelayMs(row.backoffMs, row.attempt);
        this.log?.warn({ err, job: name, jobId: row.id, attempt: row.attempt, retryInMs: wait }, "job failed; will retry");
        await this.settle(row, Prisma.sql`"status" = 'WAITING', "lastError" = ${message}, "runAt" = ${NOW} + ${ms(wait)}`);
        if (wait < this.pollMs) this.retrySoon(lane, wait);
      } else {
        this.log?.error({ err, job: name, jobId: row.id, attempt: row.attempt }, "job failed");
        await this.settle(row, Prisma.sql`"status" = 'FAILED', "lastError" = ${message}, "finishedAt" = ${NOW}`);
      }
      return;
    }
    await this.settle(row, Prisma.sql`"status" = 'COMPLETED', "lastError" = NULL, "finishedAt" = ${NOW}`);
  }

  /** Records a job's outcome, unless its lock was lost meanwhile (re-queued as stalled and claimed anew). */
  private async settle(row: ClaimedRow, set: Prisma.Sql): Promise<void> {
    try {
      const n = await this.db.$executeRaw`
        UPDATE "Job" SET ${set}, "lockedAt" = NULL, "lockedBy" = NULL
        WHERE "id" = ${row.id} AND "status" = 'ACTIVE' AND "lockedBy" = ${this.workerId} AND "attempt" = ${row.attempt}::int`;
      if (n === 0) this.log?.warn({ jobId: row.id, attempt: row.attempt }, "job outcome not recorded: its lock was lost (stalled?)");
    } catch (err) {
      // The row stays ACTIVE; stall recovery re-queues it after the visibility timeout.
      this.log?.error({ err, jobId: row.id }, "could not record a job's outcome");
    }
  }

  /** A back-off shorter than the poll interval should not wait for the next poll. */
  private retrySoon(lane: Lane, wait: number): void {
    const timer = setTimeout(() => this.poll(lane), wait + 5);
    timer.unref();
  }

  private track(p: Promise<void>): void {
    this.polls.add(p);
    void p.finally(() => this.polls.delete(p));
  }

  private assertOpen(): void {
    if (this.closed) throw new QueueClosedError();
  }
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
