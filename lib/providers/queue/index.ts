// Picks the Queue implementation from the environment: BullMQ when REDIS_URL is set, else in-process.
import type { Logger } from "pino";
import { LocalQueue } from "./local";
import type { Queue } from "./types";

export * from "./types";
export { defineJob } from "./define-job";

export interface CreateQueueOptions {
  /** Usually getEnv().REDIS_URL. */
  redisUrl?: string;
  /** Redis key namespace (BullMQ only). Default "frontdesk". */
  prefix?: string;
  logger?: Logger;
}

export async function createQueue(opts: CreateQueueOptions): Promise<Queue> {
  if (!opts.redisUrl) return new LocalQueue({ logger: opts.logger });
  // Loaded only when used, so the embedded default never pulls BullMQ in.
  const { BullMqQueue } = await import("./bullmq");
  return new BullMqQueue({ url: opts.redisUrl, prefix: opts.prefix, logger: opts.logger });
}
