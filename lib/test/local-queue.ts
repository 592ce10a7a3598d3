// An in-memory Queue for tests (test support, never production: nothing survives a restart, nothing
// crosses processes, and it cannot join a database transaction). One FIFO lane per job name; it keeps
// the contract of lib/providers/queue/types.ts (JSON payloads, validation, retries with back-off,
// concurrency, schedules, idempotency keys, close waiting for running jobs), which the queue contract
// suite checks alongside the real implementations.
import type { Logger } from "pino";
import { prepareEnqueue, retryDelayMs } from "../providers/queue/define-job";
import {
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
} from "../providers/queue/types";

interface LocalJob {
  id: string;
  data: unknown;
  attemptsMade: number;
  attempts: number;
  backoffMs: number;
  controller?: AbortController;
}

interface Lane {
  job: JobDefinition;
  waiting: LocalJob[];
  active: number;
  delayed: Set<NodeJS.Timeout>;
  failed: number;
  handler?: JobHandler<unknown>;
  concurrency: number;
}

export interface LocalQueueOptions {
  logger?: Logger;
}

export class LocalQueue implements Queue {
  readonly mode = "local" as const;
  private readonly lanes = new Map<string, Lane>();
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private readonly idleWaiters = new Set<() => void>();
  /** `${name}\0${key}` -> job id, for idempotency keys (kept for the queue's lifetime). */
  private readonly keys = new Map<string, string>();
  private readonly runningJobs = new Set<LocalJob>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: LocalQueueOptions = {}) {}

  async enqueue<D extends JobDefinition>(job: D, payload: JobInput<D>, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
    if (this.closed) throw new QueueClosedError();
    if (opts.tx) throw new Error("The in-memory test queue cannot enqueue inside a database transaction");
    const { data, attempts, backoffMs, delayMs } = prepareEnqueue(job, payload, opts);
    const keyed = opts.idempotencyKey === undefined ? undefined : `${job.name}\0${opts.idempotencyKey}`;
    const existing = keyed === undefined ? undefined : this.keys.get(keyed);
    if (existing !== undefined) return { id: existing, deduplicated: true };
    const entry: LocalJob = { id: String(this.nextId++), data, attemptsMade: 0, attempts, backoffMs };
    if (keyed !== undefined) this.keys.set(keyed, entry.id);
    const lane = this.lane(job);
    if (delayMs > 0) this.delay(lane, entry, delayMs);
    else lane.waiting.push(entry);
    this.pump(lane);
    return { id: entry.id, deduplicated: false };
  }

  async process<D extends JobDefinition>(job: D, handler: JobHandler<JobPayload<D>>, opts: ProcessOptions = {}): Promise<void> {
    if (this.closed) throw new QueueClosedError();
    const lane = this.lane(job);
    if (lane.handler) throw new Error(`A processor for "${job.name}" is already registered`);
    lane.handler = handler as JobHandler<unknown>;
    lane.concurrency = Math.max(1, opts.concurrency ?? 1);
    this.pump(lane);
  }

  async schedule<D extends JobDefinition>(job: D, opts: ScheduleOptions<JobInput<D>>): Promise<void> {
    if (this.closed) throw new QueueClosedError();
    if (!(opts.everyMs > 0)) throw new Error(`everyMs must be > 0, got ${opts.everyMs}`);
    job.schema.parse(opts.payload);
    const id = opts.scheduleId ?? job.name;
    clearInterval(this.schedules.get(id));
    const fire = () => void this.enqueue(job, opts.payload).catch((err) => this.opts.logger?.error({ err, job: job.name }, "scheduled enqueue failed"));
    const timer = setInterval(fire, opts.everyMs);
    timer.unref();
    this.schedules.set(id, timer);
    fire();
  }

  async health(): Promise<QueueHealth> {
    const jobs: Record<string, JobCounts> = {};
    for (const [name, lane] of this.lanes) {
      jobs[name] = { waiting: lane.waiting.length, active: lane.active, delayed: lane.delayed.size, failed: lane.failed };
    }
    return { status: this.closed ? "down" : "ok", mode: this.mode, latencyMs: 0, ...(this.closed ? { error: "closed" } : {}), jobs };
  }

  async close(opts: CloseOptions = {}): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const timer of this.schedules.values()) clearInterval(timer);
      this.schedules.clear();
      let dropped = 0;
      for (const lane of this.lanes.values()) {
        for (const timer of lane.delayed) clearTimeout(timer);
        dropped += lane.waiting.length + lane.delayed.size;
        lane.waiting.length = 0;
        lane.delayed.clear();
      }
      if (dropped > 0) this.opts.logger?.warn({ dropped }, "in-process queue closed with jobs not yet run; they are dropped");
    }
    const drained = (async () => {
      while (this.activeCount() > 0) await new Promise<void>((resolve) => this.idleWaiters.add(resolve));
    })();
    if (opts.graceMs === undefined) return drained;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, opts.graceMs)));
    await Promise.race([drained, graceOver]);
    clearTimeout(timer);
    for (const entry of this.runningJobs) entry.controller?.abort(new QueueShutdownError());
    await drained;
  }

  private lane(job: JobDefinition): Lane {
    let lane = this.lanes.get(job.name);
    if (!lane) {
      lane = { job, waiting: [], active: 0, delayed: new Set(), failed: 0, concurrency: 1 };
      this.lanes.set(job.name, lane);
    }
    return lane;
  }

  private delay(lane: Lane, entry: LocalJob, ms: number): void {
    const timer = setTimeout(() => {
      lane.delayed.delete(timer);
      lane.waiting.push(entry);
      this.pump(lane);
    }, ms);
    timer.unref();
    lane.delayed.add(timer);
  }

  private pump(lane: Lane): void {
    while (!this.closed && lane.handler && lane.active < lane.concurrency && lane.waiting.length > 0) {
      const entry = lane.waiting.shift()!;
      lane.active++;
      void this.run(lane, lane.handler, entry).finally(() => {
        lane.active--;
        this.pump(lane);
        if (this.activeCount() === 0) for (const wake of this.idleWaiters) wake();
        this.idleWaiters.clear();
      });
    }
  }

  private async run(lane: Lane, handler: JobHandler<unknown>, entry: LocalJob): Promise<void> {
    entry.attemptsMade++;
    const name = lane.job.name;
    const parsed = lane.job.schema.safeParse(entry.data);
    if (!parsed.success) {
      lane.failed++;
      this.opts.logger?.error({ job: name, jobId: entry.id, issues: parsed.error.issues }, "job payload is invalid; not retried");
      return;
    }
    entry.controller = new AbortController();
    this.runningJobs.add(entry);
    try {
      await handler(parsed.data, { id: entry.id, name, attempt: entry.attemptsMade, signal: entry.controller.signal });
    } catch (err) {
      if (entry.attemptsMade < entry.attempts && !this.closed) {
        const wait = retryDelayMs(entry.backoffMs, entry.attemptsMade);
        this.opts.logger?.warn({ err, job: name, jobId: entry.id, attempt: entry.attemptsMade, retryInMs: wait }, "job failed; will retry");
        this.delay(lane, entry, wait);
      } else {
        lane.failed++;
        this.opts.logger?.error({ err, job: name, jobId: entry.id, attempt: entry.attemptsMade }, "job failed");
      }
    } finally {
      this.runningJobs.delete(entry);
    }
  }

  private activeCount(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.active;
    return n;
  }
}
