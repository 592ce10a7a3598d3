// Picks the Queue implementation from the environment: BullMQ when REDIS_URL is set, else the jobs
// live in the database (PostgreSQL or the embedded PGlite), so every process shares one queue.
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { PostgresQueue } from "./postgres";
import type { Queue } from "./types";

export * from "./types";
export { defineJob } from "./define-job";

export interface CreateQueueOptions {
  /** Usually getEnv().REDIS_URL. */
  redisUrl?: string;
  /** Redis key namespace (BullMQ only). Default "frontdesk". */
  prefix?: string;
  /**
   * The database holding the jobs when redisUrl is unset, and the outbox of `{ tx }` enqueues when it
   * is set (usually getDb()). Not disconnected by close().
   */
  db: Db;
  /** That database's URL: lets processing processes LISTEN for new jobs instead of only polling. */
  databaseUrl?: string;
  /** How long FAILED jobs are kept for inspection. Default 30 days. */
  failedRetentionMs?: number;
  logger?: Logger;
}

export async function createQueue(opts: CreateQueueOptions): Promise<Queue> {
  const common = { logger: opts.logger, failedRetentionMs: opts.failedRetentionMs, listenUrl: opts.databaseUrl };
  if (!opts.redisUrl) return new PostgresQueue({ db: opts.db, ...common });
  // Loaded only when used, so the embedded default never pulls BullMQ in.
  const { BullMqQueue } = await import("./bullmq");
  return new BullMqQueue({ url: opts.redisUrl, prefix: opts.prefix, db: opts.db, ...common });
}
