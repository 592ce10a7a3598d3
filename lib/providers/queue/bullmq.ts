// The Queue on Redis through BullMQ: one BullMQ queue per job name (so each job type has its own
// concurrency and a slow type cannot starve another), keys under one prefix. BullMQ types stay here.
// Enqueues inside a database transaction go through the outbox (outbox-relay.ts). Idempotency keys
// become the BullMQ jobId, which BullMQ de-duplicates while the job is kept in Redis (see RETENTION).
// Handlers' signals abort when BullMQ fails to renew a job's lock or reports it stalled.
import { randomUUID } from "node:crypto";
import { Queue as BullQueue, DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { elapsed, withTimeout } from "../../health/checks";
import { prepareEnqueue, toWireJson } from "./define-job";
import { idempotentJobId, insertJobRow } from "./job-row";
import { OutboxRelay, type OutboxRow } from "./outbox-relay";
import { ABORT_WAIT_MS, within } from "./within";
import {
  DEFAULT_COMPLETED_RETENTION_MS,
  DEFAULT_FAILED_RETENTION_MS,
  JobLockLostError,
  QueueClosedError,
  QueueShutdownError,
  type CloseOptions,
  type EnqueueOptions,
  type EnqueueResult,
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

export interface BullMqQueueOptions {
  url: string;
  /** Namespace of every Redis key. Default "frontdesk". */
  prefix?: string;
  logger?: Logger;
  /** Upper bound for `health()`. Default 2000 ms. */
  healthTimeoutMs?: number;
  /** The database holding the outbox of `{ tx }` enqueues; its relay runs in processes that call process(). */
  db?: Db;
  /** The database URL, so the relay can LISTEN for new outbox rows instead of only polling. */
  listenUrl?: string;
  /** Completed jobs are kept this long (and at most 1000 per name). Default 7 days. */
  completedRetentionMs?: number;
  /** Failed jobs are kept this long (and at most 5000 per name). Default 30 days. */
  failedRetentionMs?: number;
}


export class BullMqQueue implements Queue {
  readonly mode = "bullmq" as const;
  private readonly prefix: string;
  private readonly log?: Logger;
  // Producer side fails a command after a few reconnect attempts instead of hanging an HTTP request;
  // workers need maxRetriesPerRequest: null (BullMQ's blocking commands must survive reconnects).
  private readonly producer: Redis;
  private consumer?: Redis;
  private readonly queues = new Map<string, BullQueue>();
  private readonly workers = new Map<string, Worker>();
  /** Running jobs' controllers (jobId -> controller), for lock loss and shutdown. */
  private readonly running = new Map<string, AbortController>();
  private readonly retention;
  private relay?: OutboxRelay;
  private closed = false;

  constructor(private readonly opts: BullMqQueueOptions) {
    this.prefix = opts.prefix ?? "frontdesk";
    this.log = opts.logger;
    this.producer = this.connect({ maxRetriesPerRequest: 2 });
    // Finished job records are kept for inspection (and idempotency), bounded so Redis does not grow
    // forever. BullMQ applies the age when a later job of the name finishes.
    const seconds = (n: number) => Math.max(1, Math.round(n / 1000));
    this.retention = {
      removeOnComplete: { age: seconds(opts.completedRetentionMs ?? DEFAULT_COMPLETED_RETENTION_MS), count: 1000 },
      removeOnFail: { age: seconds(opts.failedRetentionMs ?? DEFAULT_FAILED_RETENTION_MS), count: 5000 },
    };
  }

  async enqueue<D extends JobDefinition>(job: D, payload: JobInput<D>, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
    this.assertOpen();
    const { data, attempts, backoffMs, delayMs } = prepareEnqueue(job, payload, opts);
    const keyedId = opts.idempotencyKey === undefined ? undefined : idempotentJobId(job.name, opts.idempotencyKey);
    if (opts.tx) {
      // The outbox row's id is the BullMQ jobId the relay will use: known now, before the commit.
      const result = await insertJobRow(opts.tx, {
        id: keyedId ?? randomUUID(),
        name: job.name,
        payload: data,
        attempts,
        backoffMs,
        delayMs,
        idempotencyKey: opts.idempotencyKey,
      });
      this.queue(job.name); // so health() reports it
      this.relay?.hurry();
      return result;
    }
    const queue = this.queue(job.name);
    // Best effort for the flag only: BullMQ itself ignores a second add with a known jobId.
    if (keyedId && (await queue.getJob(keyedId))) return { id: keyedId, deduplicated: true };
    const added = await queue.add(job.name, data, {
      ...(keyedId ? { jobId: keyedId } : {}),
      attempts,
      backoff: { type: "exponential", delay: backoffMs },
      ...(delayMs > 0 ? { delay: delayMs } : {}),
      ...this.retention,
    });
    return { id: String(added.id), deduplicated: false };
  }

  /** Adds an outbox row to BullMQ under its own id (a repeat of the same id is ignored by BullMQ). */
  private async forward(row: OutboxRow): Promise<void> {
    await this.queue(row.name).add(row.name, row.payload, {
      jobId: row.id,
      attempts: row.maxAttempts,
      backoff: { type: "exponential", delay: row.backoffMs },
      ...(row.delayMs > 0 ? { delay: row.delayMs } : {}),
      ...this.retention,
    });
  }

  async process<D extends JobDefinition>(job: D, handler: JobHandler<JobPayload<D>>, opts: ProcessOptions = {}): Promise<void> {
    this.assertOpen();
    if (this.workers.has(job.name)) throw new Error(`A processor for "${job.name}" is already registered`);
    this.queue(job.name); // so health() reports this job's counts
    this.consumer ??= this.connect({ maxRetriesPerRequest: null });
    if (this.opts.db && !this.relay) {
      this.relay = new OutboxRelay({ db: this.opts.db, listenUrl: this.opts.listenUrl, log: this.log, forward: (row) => this.forward(row) });
      this.relay.start();
    }
    // Three parameters: BullMQ hands a signal only to processors that declare one.
    const worker = new Worker(
      job.name,
      async (bullJob: Job, token?: string, bullSignal?: AbortSignal) => {
        const parsed = job.schema.safeParse(bullJob.data);
        if (!parsed.success) {
          throw new UnrecoverableError(`invalid payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
        }
        const id = String(bullJob.id);
        const own = new AbortController();
        this.running.set(id, own);
        const signal = bullSignal ? AbortSignal.any([own.signal, bullSignal]) : own.signal;
        try {
          await handler(parsed.data as JobPayload<D>, { id, name: job.name, attempt: bullJob.attemptsMade + 1, signal });
        } catch (err) {
          if (own.signal.reason instanceof QueueShutdownError && token) {
            // Stopped by shutdown, not by its own fault: back to the queue without using up an attempt.
            await bullJob.moveToDelayed(Date.now(), token);
            throw new DelayedError();
          }
          throw err;
        } finally {
          this.running.delete(id);
        }
      },
      { connection: this.consumer, prefix: this.prefix, concurrency: Math.max(1, opts.concurrency ?? 1) },
    );
    // Another worker may run the job from now on: tell the handler to stop.
    worker.on("lockRenewalFailed", (jobIds) => {
      for (const id of jobIds) this.running.get(id)?.abort(new JobLockLostError(id, "BullMQ could not renew its lock"));
    });
    worker.on("stalled", (id) => this.running.get(id)?.abort(new JobLockLostError(id, "BullMQ reported it stalled")));
    worker.on("failed", (bullJob, err) => {
      const attempt = bullJob ? bullJob.attemptsMade : undefined;
      const final = !bullJob || attempt! >= (bullJob.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      this.log?.[final ? "error" : "warn"]({ err, job: job.name, jobId: bullJob?.id, attempt }, final ? "job failed" : "job failed; will retry");
    });
    worker.on("error", (err) => this.log?.warn({ err, job: job.name }, "queue worker error"));
    this.workers.set(job.name, worker);
  }

  async schedule<D extends JobDefinition>(job: D, opts: ScheduleOptions<JobInput<D>>): Promise<void> {
    this.assertOpen();
    if (!(opts.everyMs > 0)) throw new Error(`everyMs must be > 0, got ${opts.everyMs}`);
    const data = toWireJson(job.schema.parse(opts.payload));
    await this.queue(job.name).upsertJobScheduler(
      opts.scheduleId ?? job.name,
      { every: opts.everyMs },
      { name: job.name, data, opts: { ...this.retention } },
    );
  }

  async health(): Promise<QueueHealth> {
    const started = performance.now();
    const timeoutMs = this.opts.healthTimeoutMs ?? 2000;
    try {
      const probe = (async () => {
        await this.producer.ping();
        const jobs: Record<string, JobCounts> = {};
        for (const [name, queue] of this.queues) {
          const c = await queue.getJobCounts("waiting", "active", "delayed", "failed");
          jobs[name] = { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
        }
        return jobs;
      })();
      const jobs = await withTimeout(probe, timeoutMs, "Redis");
      return { status: this.closed ? "down" : "ok", mode: this.mode, latencyMs: elapsed(started), jobs };
    } catch (err) {
      return { status: "down", mode: this.mode, latencyMs: elapsed(started), error: (err as Error).message, jobs: {} };
    }
  }

  async close(opts: CloseOptions = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.relay?.close();
    const closing = Promise.all([...this.workers.values()].map((w) => w.close()));
    if (opts.graceMs !== undefined && !(await within(closing, opts.graceMs))) {
      this.log?.warn({ running: this.running.size, graceMs: opts.graceMs }, "jobs still running after the grace period; aborting them");
      for (const controller of this.running.values()) controller.abort(new QueueShutdownError());
      if (!(await within(closing, ABORT_WAIT_MS))) {
        this.log?.error({ running: this.running.size }, "jobs ignored their abort signal; BullMQ's stalled check will re-run them");
        await Promise.all([...this.workers.values()].map((w) => w.close(true)));
      }
    }
    await closing.catch(() => undefined);
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    for (const conn of [this.producer, this.consumer]) {
      if (!conn) continue;
      // QUIT needs a live connection; when Redis is unreachable just drop the socket.
      if (conn.status === "ready") await conn.quit().catch(() => conn.disconnect());
      else conn.disconnect();
    }
  }

  private queue(name: string): BullQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new BullQueue(name, { connection: this.producer, prefix: this.prefix });
      queue.on("error", (err) => this.log?.warn({ err, job: name }, "queue error"));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private connect(options: { maxRetriesPerRequest: number | null }): Redis {
    const conn = new Redis(this.opts.url, { ...options, connectionName: "frontdesk-queue" });
    // ioredis emits an error on every failed reconnect; log the first of a run, not each one.
    let down = false;
    conn.on("error", (err) => {
      if (!down) this.log?.warn({ err: err.message }, "queue lost its Redis connection; reconnecting");
      down = true;
    });
    conn.on("ready", () => {
      if (down) this.log?.info("queue reconnected to Redis");
      down = false;
    });
    return conn;
  }

  private assertOpen(): void {
    if (this.closed) throw new QueueClosedError();
  }
}
