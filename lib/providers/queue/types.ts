// The Queue capability: named background jobs with zod-validated payloads. Two implementations serve
// production: BullMQ on Redis (REDIS_URL set) and the default on the database ("Job" rows, shared by
// every process); lib/test/local-queue.ts keeps the same contract in memory for tests. Payloads cross
// the queue as JSON in all of them, so what a handler receives is what survives a round trip through
// Redis or a jsonb column.
//
// Delivery is AT LEAST ONCE. A job runs once in the normal case, but it can run again, in whole or in
// part, when a worker dies or is cut off mid-job (its lock expires and stalled-job recovery hands the
// job to another worker), when a handler throws after doing part of its work and is retried, or when
// a job finished but its outcome could not be recorded. Handlers must therefore be idempotent: write
// with upserts or "WHERE not done yet" guards, use the job id (`ctx.id`, stable across retries) or a
// domain key to de-duplicate external effects (e-mails, charges, webhooks), and stop when
// `ctx.signal` aborts, because from then on another worker may be running the same job.
//
// Idempotency keys (`EnqueueOptions.idempotencyKey`) de-duplicate ENQUEUES, not executions: while a
// job with the same (name, key) is still retained (waiting, running, or finished and not yet pruned:
// see the retention options of each implementation), a second enqueue creates nothing and returns the
// existing job's id. They do not make a handler run exactly once, do not compare payloads (the first
// payload wins), and once the earlier job has been pruned the same key enqueues a new job.
import type { z } from "zod";
import type { Prisma } from "../../db/generated/client";

export type QueueMode = "bullmq" | "postgres" | "local";

const DAY_MS = 86_400_000;
/** How long both queues keep finished jobs unless told otherwise (their retention options). */
export const DEFAULT_COMPLETED_RETENTION_MS = 7 * DAY_MS;
export const DEFAULT_FAILED_RETENTION_MS = 30 * DAY_MS;

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

/**
 * The caller's open Prisma transaction (`db.$transaction(async (tx) => ...)`). Only raw SQL is used
 * on it, so the transaction of an extended (e.g. tenant-scoped) client fits too.
 */
export type QueueTx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

export interface EnqueueOptions extends RetryOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /**
   * Enqueue as part of this transaction: the job exists if and only if the transaction commits, so a
   * row and the job that processes it are created atomically. It runs no earlier than the commit.
   * (On BullMQ the job goes into the database's outbox and the worker's relay forwards it to Redis.)
   */
  tx?: QueueTx;
  /**
   * De-duplicates enqueues of this job name: a second enqueue with the same key returns the first
   * job's id and creates nothing (see the header: enqueues, not executions; while the job is retained).
   */
  idempotencyKey?: string;
}

export interface EnqueueResult {
  id: string;
  /** True when an earlier job with the same idempotency key was found and nothing new was enqueued. */
  deduplicated: boolean;
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
  /** Stable across retries and redeliveries: a handler may use it to de-duplicate its effects. */
  id: string;
  name: string;
  /** 1 on the first try. */
  attempt: number;
  /**
   * Aborts when this worker can no longer prove it owns the job (its lock was lost or taken over by
   * stalled-job recovery, so another worker may be running it) or when shutdown's grace period ran
   * out. `signal.reason` says which. Pass it to fetch/SDK calls and stop work when it fires.
   */
  signal: AbortSignal;
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
  enqueue<D extends JobDefinition>(job: D, payload: JobInput<D>, opts?: EnqueueOptions): Promise<EnqueueResult>;
  /**
   * Runs `handler` for jobs of this name. The payload is validated again on receipt; a payload that
   * fails its schema fails the job without retry. A handler that throws is retried per RetryOptions.
   */
  process<D extends JobDefinition>(job: D, handler: JobHandler<JobPayload<D>>, opts?: ProcessOptions): Promise<void>;
  /** Creates or replaces a repeating job (idempotent: every worker process may call it at start). */
  schedule<D extends JobDefinition>(job: D, opts: ScheduleOptions<JobInput<D>>): Promise<void>;
  health(): Promise<QueueHealth>;
  /**
   * Stops taking jobs, waits for running ones to finish, releases connections. With `graceMs`, jobs
   * still running after that long have their signal aborted (reason: QueueShutdownError) and are
   * waited for a little longer; one that still does not stop is left for stalled-job recovery.
   */
  close(opts?: CloseOptions): Promise<void>;
}

export interface CloseOptions {
  graceMs?: number;
}

export class QueueClosedError extends Error {
  constructor() {
    super("The queue is closed");
    this.name = "QueueClosedError";
  }
}

/** `ctx.signal.reason` when another worker may now run the job. */
export class JobLockLostError extends Error {
  constructor(jobId: string, detail: string) {
    super(`Lost the lock of job ${jobId}: ${detail}`);
    this.name = "JobLockLostError";
  }
}

/** `ctx.signal.reason` when the worker is shutting down and the grace period ran out. */
export class QueueShutdownError extends Error {
  constructor() {
    super("The worker is shutting down");
    this.name = "QueueShutdownError";
  }
}
