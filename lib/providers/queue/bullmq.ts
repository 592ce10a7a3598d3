// The Queue on Redis through BullMQ: one BullMQ queue per job name (so each job type has its own
// concurrency and a slow type cannot starve another), keys under one prefix. BullMQ types stay here.
import { Queue as BullQueue, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { resolveRetry, toWireJson } from "./define-job";
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

export interface BullMqQueueOptions {
  url: string;
  /** Namespace of every Redis key. Default "frontdesk". */
  prefix?: string;
  logger?: Logger;
  /** Upper bound for `health()`. Default 2000 ms. */
  healthTimeoutMs?: number;
}

// Completed/failed job records are kept for inspection, bounded so Redis does not grow forever.
const RETENTION = { removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } } as const;

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
  private closed = false;

  constructor(private readonly opts: BullMqQueueOptions) {
    this.prefix = opts.prefix ?? "frontdesk";
    this.log = opts.logger;
    this.producer = this.connect({ maxRetriesPerRequest: 2 });
  }

  async enqueue<D extends JobDefinition>(job: D, payload: JobInput<D>, opts: EnqueueOptions = {}): Promise<{ id: string }> {
    this.assertOpen();
    const data = toWireJson(job.schema.parse(payload));
    const { attempts, backoffMs } = resolveRetry(job, opts);
    const added = await this.queue(job.name).add(job.name, data, {
      attempts,
      backoff: { type: "exponential", delay: backoffMs },
      ...(opts.delayMs && opts.delayMs > 0 ? { delay: opts.delayMs } : {}),
      ...RETENTION,
    });
    return { id: String(added.id) };
  }

  async process<D extends JobDefinition>(job: D, handler: JobHandler<JobPayload<D>>, opts: ProcessOptions = {}): Promise<void> {
    this.assertOpen();
    if (this.workers.has(job.name)) throw new Error(`A processor for "${job.name}" is already registered`);
    this.queue(job.name); // so health() reports this job's counts
    this.consumer ??= this.connect({ maxRetriesPerRequest: null });
    const worker = new Worker(
      job.name,
      async (bullJob: Job) => {
        const parsed = job.schema.safeParse(bullJob.data);
        if (!parsed.success) {
          throw new UnrecoverableError(`invalid payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
        }
        await handler(parsed.data as JobPayload<D>, { id: String(bullJob.id), name: job.name, attempt: bullJob.attemptsMade + 1 });
      },
      { connection: this.consumer, prefix: this.prefix, concurrency: Math.max(1, opts.concurrency ?? 1) },
    );
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
      { name: job.name, data, opts: { ...RETENTION } },
    );
  }

  async health(): Promise<QueueHealth> {
    const started = performance.now();
    const timeoutMs = this.opts.healthTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
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
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const jobs = await Promise.race([probe, timeout]);
      return { status: this.closed ? "down" : "ok", mode: this.mode, latencyMs: elapsed(started), jobs };
    } catch (err) {
      return { status: "down", mode: this.mode, latencyMs: elapsed(started), error: (err as Error).message, jobs: {} };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers.values()].map((w) => w.close()));
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

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
