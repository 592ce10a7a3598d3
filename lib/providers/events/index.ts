// Picks the live event bus from the environment, like the queue: Redis pub/sub when REDIS_URL is set;
// without it, the voice server (where calls run) holds an in-process bus and serves it on its
// /internal/events socket, and every other process reaches it there.
//   createEventBus()         the voice server's bus (Redis or local)
//   createEventSubscriber()  any other process's bus (Redis or the socket): subscribe, and publish too
// Settings (lib/env.ts): REDIS_URL, EVENTS_URL (where the socket is), EVENTS_ALLOW_REMOTE, AUTH_SECRET.
import type { Logger } from "pino";
import { getEnv, requireAuthSecret } from "../../env";
import { getLogger } from "../../logger";
import { LocalEventBus } from "./local";
import { RemoteEventBus } from "./remote";
import { internalEventsToken } from "./token";
import type { EventBus } from "./types";

export * from "./types";
export { LocalEventBus } from "./local";
export { RemoteEventBus } from "./remote";
export { internalEventsToken } from "./token";
export { INTERNAL_EVENTS_PATH } from "./wire";

/** The voice server's bus. Loaded lazily: the embedded default never opens a Redis connection. */
export async function createEventBus(opts: { redisUrl?: string; logger?: Logger } = {}): Promise<EventBus> {
  const logger = opts.logger ?? getLogger("events");
  const redisUrl = "redisUrl" in opts ? opts.redisUrl : getEnv().REDIS_URL;
  if (!redisUrl) return new LocalEventBus({ logger });
  const { RedisEventBus } = await import("./redis");
  return new RedisEventBus({ url: redisUrl, logger });
}

/** The bus of a process other than the voice server (the app's live views, the worker). */
export async function createEventSubscriber(
  opts: { redisUrl?: string; url?: string; token?: string; logger?: Logger; backoff?: { minMs: number; maxMs: number } } = {},
): Promise<EventBus> {
  const logger = opts.logger ?? getLogger("events");
  const redisUrl = "redisUrl" in opts ? opts.redisUrl : getEnv().REDIS_URL;
  if (redisUrl) {
    const { RedisEventBus } = await import("./redis");
    return new RedisEventBus({ url: redisUrl, logger });
  }
  return new RemoteEventBus({
    url: opts.url ?? getEnv().EVENTS_URL,
    token: opts.token ?? internalEventsToken(requireAuthSecret()),
    logger,
    backoff: opts.backoff,
  });
}

let shared: Promise<EventBus> | undefined;

/** This process's subscriber bus (the app's routes publish through it), opened on first use. */
export function getSharedEventBus(): Promise<EventBus> {
  shared ??= createEventSubscriber().catch((err: unknown) => {
    shared = undefined; // the next request tries again
    throw err;
  });
  return shared;
}

/** Tests: the bus getSharedEventBus() returns from now on (undefined: back to the environment's). */
export function setSharedEventBus(bus: EventBus | undefined): void {
  shared = bus ? Promise.resolve(bus) : undefined;
}
