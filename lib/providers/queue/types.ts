// The Queue capability: named background jobs with zod-validated payloads. Three implementations share
// this contract: BullMQ on Redis (REDIS_URL set), the default on the database ("Job" rows, shared by
// every process), and an in-process one (tests). Payloads cross the queue as JSON in all of them, so
// what a handler receives is what survives a round trip through Redis or a jsonb column.
import type { z } from "zod";

export type QueueMode = "bullmq" | "postgres" | "local";

export interface RetryOptions {
  /** Total tries, including the first. Default 1 (no retry). */
  attempts?: number;
  /** Delay before the first retry; doubles on each further retry. Default 1000 ms. */
  backoffMs?: number;
}

/** A job type: its name (also the BullMQ queue name) and the schema of its payload. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
  /** Retry policy used when `enqueue` does not override it. */
  readonly retry?: RetryOptions;
}

export type JobInput<D extends JobDefinition> = z.input<D["schema"]>;
export type JobPayload<D extends JobDefinition> = z.output<D["schema"]>;

export interface EnqueueOptions extends RetryOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

export interface ProcessOptions {
  /** How many jobs of this name run at once in this process. Default 1. */
  concurrency?: number;
}

export interface ScheduleOptions<P> {
  /** Interval between runs. The first run is due immediately. */
  everyMs: number;
  payload: P;
  /** Distinguishes several schedules of one job name. Default: the job name. */
  scheduleId?: string;
}

export interface JobContext {
  id: string;
  name: string;
  /** 1 on the first try. */
  attempt: number;
}

export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface QueueHealth {
  status: "ok" | "down";
  mode: QueueMode;
  latencyMs: number;
  error?: string;
  /** Per job name this process knows about (enqueued, processed or scheduled). */
  jobs: Record<string, JobCounts>;
}

export interface Queue {
  readonly mode: QueueMode;
  /** Validates the payload (throws the ZodError on bad input; nothing is enqueued) and enqueues it. */
  enqueue<D extends JobDefinition>(job: D, payload: JobInput<D>, opts?: EnqueueOptions): Promise<{ id: string }>;
  /**
   * Runs `handler` for jobs of this name. The payload is validated again on receipt; a payload that
   * fails its schema fails the job without retry. A handler that throws is retried per RetryOptions.
   */
  process<D extends JobDefinition>(job: D, handler: JobHandler<JobPayload<D>>, opts?: ProcessOptions): Promise<void>;
  /** Creates or replaces a repeating job (idempotent: every worker process may call it at start). */
  schedule<D extends JobDefinition>(job: D, opts: ScheduleOptions<JobInput<D>>): Promise<void>;
  health(): Promise<QueueHealth>;
  /** Stops taking jobs, waits for running ones to finish, releases connections. */
  close(): Promise<void>;
}

export class QueueClosedError extends Error {
  constructor() {
    super("The queue is closed");
    this.name = "QueueClosedError";
  }
}
