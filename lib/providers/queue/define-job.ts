// Declaring a job type. Names double as BullMQ queue names, which may not contain ":" (BullMQ's key
// separator), so they are restricted to lower-case dotted/kebab words: "maintenance.prune-auth-throttle".
import type { z } from "zod";
import type { EnqueueOptions, JobDefinition, JobInput, RetryOptions } from "./types";

const JOB_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export function defineJob<S extends z.ZodType>(def: { name: string; schema: S; retry?: RetryOptions }): JobDefinition<S> {
  if (!JOB_NAME.test(def.name)) {
    throw new Error(`Invalid job name "${def.name}": use lower-case words separated by "." or "-"`);
  }
  return Object.freeze({ ...def });
}

export const DEFAULT_BACKOFF_MS = 1000;

export function resolveRetry(job: JobDefinition, opts: RetryOptions = {}): Required<RetryOptions> {
  const attempts = opts.attempts ?? job.retry?.attempts ?? 1;
  const backoffMs = opts.backoffMs ?? job.retry?.backoffMs ?? DEFAULT_BACKOFF_MS;
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`attempts must be a positive integer, got ${attempts}`);
  if (!(backoffMs >= 0)) throw new Error(`backoffMs must be >= 0, got ${backoffMs}`);
  return { attempts, backoffMs };
}

/** Exponential back-off, the same curve BullMQ's "exponential" strategy uses: base * 2^(attempt-1). */
export function retryDelayMs(backoffMs: number, failedAttempt: number): number {
  return backoffMs * 2 ** (failedAttempt - 1);
}

/** What a payload looks like after a trip through Redis: JSON only (Dates become strings, undefined drops). */
export function toWireJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/**
 * What every queue does first on enqueue: the payload validated and turned into JSON, the retry policy
 * resolved (the options over the job's own), and the delay in whole milliseconds (0: run now).
 */
export function prepareEnqueue<D extends JobDefinition>(
  job: D,
  payload: JobInput<D>,
  opts: EnqueueOptions = {},
): { data: unknown; attempts: number; backoffMs: number; delayMs: number } {
  const data = toWireJson(job.schema.parse(payload));
  const { attempts, backoffMs } = resolveRetry(job, opts);
  const delayMs = opts.delayMs && opts.delayMs > 0 ? opts.delayMs : 0;
  return { data, attempts, backoffMs, delayMs };
}
