// The Queue on the database: jobs are rows of "Job", so any process (app, voice server, worker) can
// enqueue, in its own transaction if it likes, and whichever process called `process()` for a name
// runs them. The default when REDIS_URL is unset, on a real PostgreSQL server or on the embedded PGlite
// served over the wire.
//
// Idle cost matters because live calls share this database: one poller per process claims for all
// job types in one statement (postgres-sql.ts), backs off from `pollMs` to `maxIdlePollMs` while
// nothing is found, and is woken at once by NOTIFY (real PostgreSQL, via notify-listener.ts), by an
// enqueue in this same process, or by a job finishing. Running jobs are leased (job-leases.ts): a
// heartbeat keeps them, and a handler whose job was taken over is aborted through `ctx.signal`.
// Retention: COMPLETED jobs are deleted after `completedRetentionMs`, FAILED ones after `failedRetentionMs`.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { prepareEnqueue, resolveRetry, toWireJson } from "./define-job";
import { IdlePoller } from "./idle-poller";
import { insertJobRow, NOW, ms } from "./job-row";
import { JobLeases } from "./job-leases";
import { NotifyListener, type ListenerState } from "./notify-listener";
import { queueHealth } from "./postgres-health";
import { runClaimedJob, type Lane } from "./postgres-run";
import { ABORT_WAIT_MS, within } from "./within";
import { claimRound, pruneFinished, recoverStalled, type ClaimedRow } from "./postgres-sql";
import {
  DEFAULT_COMPLETED_RETENTION_MS,
  DEFAULT_FAILED_RETENTION_MS,
  QueueClosedError,
  QueueShutdownError,
  type CloseOptions,
  type EnqueueOptions,
  type EnqueueResult,
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
  /** The same database's URL, for a dedicated LISTEN connection. Without it: back-off polling only. */
  listenUrl?: string;
  /** Poll interval while there is work, and the first one after going idle. Default 200 ms. */
  pollMs?: number;
  /** The longest wait between polls while idle. Default 5 s. */
  maxIdlePollMs?: number;
  /** An ACTIVE job whose heartbeat is older than this is considered abandoned and re-queued. Default 5 min. */
  visibilityTimeoutMs?: number;
  /** How often running jobs renew their heartbeat. Default a quarter of the visibility timeout, at most 30 s. */
  heartbeatMs?: number;
  /** COMPLETED jobs older than this are deleted. Default 7 days. */
  completedRetentionMs?: number;
  /** FAILED jobs older than this are deleted. Default 30 days. */
  failedRetentionMs?: number;
  /** Upper bound for `health()`. Default 2000 ms. */
  healthTimeoutMs?: number;
  /** Written to "lockedBy" of claimed jobs. Default host:pid:random. */
  workerId?: string;
}

const PRUNE_EVERY_MS = 10 * 60_000;

export class PostgresQueue implements Queue {
  readonly mode = "postgres" as const;
  private readonly db: Db;
  private readonly log?: Logger;
  private readonly workerId: string;
  private readonly visibilityTimeoutMs: number;
  private readonly lanes = new Map<string, Lane>();
  /** Names this process enqueued, processed or scheduled: what health() reports on. */
  private readonly known = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly leases: JobLeases;
  private readonly poller: IdlePoller;
  private listener?: NotifyListener;
  private maintenanceTimer?: NodeJS.Timeout;
  private maintaining?: Promise<void>;
  private lastPrune = 0;
  private closed = false;

  constructor(private readonly opts: PostgresQueueOptions) {
    this.db = opts.db;
    this.log = opts.logger;
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.visibilityTimeoutMs = Math.max(1000, opts.visibilityTimeoutMs ?? 5 * 60_000);
    const pollMs = Math.max(10, opts.pollMs ?? 200);
    this.poller = new IdlePoller({
      minMs: pollMs,
      maxMs: Math.max(pollMs, opts.maxIdlePollMs ?? 5000),
      round: () => this.pollRound(),
      onError: (err) => this.log?.warn({ err }, "queue poll failed"),
    });
    this.leases = new JobLeases({
      db: this.db,
      workerId: this.workerId,
      heartbeatMs: Math.max(10, opts.heartbeatMs ?? Math.min(30_000, this.visibilityTimeoutMs / 4)),
      visibilityTimeoutMs: this.visibilityTimeoutMs,
      log: this.log,
    });
  }

  async enqueue<D extends JobDefinition>(job: D, payload: JobInput<D>, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
    this.assertOpen();
    const { data, attempts, backoffMs, delayMs } = prepareEnqueue(job, payload, opts);
    const result = await insertJobRow(opts.tx ?? this.db, {
      id: randomUUID(),
      name: job.name,
      payload: data,
      attempts,
      backoffMs,
      delayMs,
      idempotencyKey: opts.idempotencyKey,
    });
    this.known.add(job.name);
    // A consumer in this very process need not wait for its next poll (nor for a NOTIFY, which the
    // embedded database does not deliver). A transaction's job is claimable only after its commit,
    // which this cannot see: just end the back-off so the poller looks again soon.
    if (this.lanes.has(job.name) && !result.deduplicated && delayMs === 0) {
      if (opts.tx) this.poller.hurry();
      else this.poller.wake();
    }
    return result;
  }

  async process<D extends JobDefinition>(job: D, handler: JobHandler<JobPayload<D>>, opts: ProcessOptions = {}): Promise<void> {
    this.assertOpen();
    if (this.lanes.has(job.name)) throw new Error(`A processor for "${job.name}" is already registered`);
    const { attempts, backoffMs } = resolveRetry(job);
    this.lanes.set(job.name, {
      job,
      handler: handler as JobHandler<unknown>,
      concurrency: Math.max(1, opts.concurrency ?? 1),
      active: 0,
      attempts,
      backoffMs,
    });
    this.known.add(job.name);
    if (!this.maintenanceTimer) this.startBackground();
    this.poller.wake();
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
    if (this.lanes.has(job.name)) this.poller.wake();
  }

  /** Whether NOTIFY wakes this queue ("listening") or back-off polling alone runs it (diagnostics, tests). */
  get listenerState(): ListenerState | "off" {
    return this.listener?.state ?? "off";
  }

  /** The poller's current wait while idle (diagnostics, tests). */
  get idlePollMs(): number {
    return this.poller.currentIdleMs;
  }

  health(): Promise<QueueHealth> {
    return queueHealth(this.db, [...this.known], { timeoutMs: this.opts.healthTimeoutMs ?? 2000, closed: this.closed });
  }

  async close(opts: CloseOptions = {}): Promise<void> {
    this.closed = true;
    clearInterval(this.maintenanceTimer);
    // A round may still hand out a job it claimed before seeing `closed`; that job runs to the end too.
    await Promise.all([this.poller.stop(), this.listener?.close(), this.maintaining]);
    const drained = async () => {
      while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
    };
    if (opts.graceMs === undefined) await drained();
    else if (!(await within(drained(), opts.graceMs))) {
      this.log?.warn({ running: this.running.size, graceMs: opts.graceMs }, "jobs still running after the grace period; aborting them");
      this.leases.abortAll(new QueueShutdownError());
      if (!(await within(drained(), ABORT_WAIT_MS))) {
        this.log?.error({ running: this.running.size }, "jobs ignored their abort signal; stalled-job recovery will re-run them");
      }
    }
    this.leases.stop();
  }

  private startBackground(): void {
    const every = Math.min(30_000, Math.max(1000, this.visibilityTimeoutMs / 4));
    this.maintenanceTimer = setInterval(() => {
      this.maintaining ??= this.maintain().finally(() => (this.maintaining = undefined));
    }, every);
    this.maintenanceTimer.unref();
    this.maintaining = this.maintain().finally(() => (this.maintaining = undefined));
    if (this.opts.listenUrl) {
      this.listener = new NotifyListener({
        url: this.opts.listenUrl,
        log: this.log,
        db: this.db,
        onWake: (name) => {
          if (name === undefined || this.lanes.has(name)) this.poller.wake();
        },
      });
      this.listener.start();
    }
  }

  /** Re-queues abandoned jobs and now and then prunes old ones. Heartbeats are JobLeases' business. */
  private async maintain(): Promise<void> {
    if (this.closed) return;
    try {
      const recovered = await recoverStalled(this.db, this.visibilityTimeoutMs);
      for (const r of recovered) this.log?.warn({ job: r.name, jobId: r.id, status: r.status }, "recovered a stalled job");
      if (recovered.some((r) => r.status === "WAITING" && this.lanes.has(r.name))) this.poller.wake();
      if (Date.now() - this.lastPrune >= PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        const pruned = await pruneFinished(this.db, {
          completedMs: this.opts.completedRetentionMs ?? DEFAULT_COMPLETED_RETENTION_MS,
          failedMs: this.opts.failedRetentionMs ?? DEFAULT_FAILED_RETENTION_MS,
        });
        if (pruned > 0) this.log?.debug({ pruned }, "pruned finished jobs");
      }
    } catch (err) {
      this.log?.warn({ err }, "queue maintenance failed");
    }
  }

  private async pollRound() {
    if (this.closed || this.lanes.size === 0) return { found: false };
    const specs = [...this.lanes.values()].map((l) => ({
      name: l.job.name,
      attempts: l.attempts,
      backoffMs: l.backoffMs,
      claimable: l.active < l.concurrency,
    }));
    const round = await claimRound(this.db, specs, this.workerId);
    // Claimed even if close() began meanwhile: it runs, and close() waits for it.
    if (round.claimed) this.start(round.claimed);
    return { found: !!round.claimed || round.fired > 0, nextDueMs: round.nextDueMs };
  }

  private start(row: ClaimedRow): void {
    const lane = this.lanes.get(row.name);
    if (!lane) return; // cannot happen: only names of lanes are claimed
    lane.active++;
    const signal = this.leases.add(row.id, row.attempt);
    const promise = runClaimedJob(
      { db: this.db, workerId: this.workerId, log: this.log },
      row,
      lane,
      signal,
    ).finally(() => {
      lane.active--;
      this.leases.delete(row.id);
      this.running.delete(row.id);
      // A slot is free (and the job may have been re-queued for a quick retry): look again now.
      this.poller.wake();
    });
    this.running.set(row.id, promise);
  }

  private assertOpen(): void {
    if (this.closed) throw new QueueClosedError();
  }
}
