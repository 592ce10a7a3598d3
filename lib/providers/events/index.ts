// Picks the live event bus from the environment, like the queue: Redis pub/sub when REDIS_URL is set;
// without it, the voice server (where calls run) holds an in-process bus and serves it on its
// /internal/events socket, and every other process reaches it there.
//   createEventBus()         the voice server's bus (Redis or local)
//   createEventSubscriber()  any other process's bus (Redis or the socket): subscribe, and publish too
// Variables read here besides REDIS_URL, VOICE_PORT and AUTH_SECRET (blank = unset):
//   EVENTS_URL           where the socket is; default ws://127.0.0.1:<VOICE_PORT>/internal/events
//   EVENTS_ALLOW_REMOTE  "true"/"1": the voice server accepts the socket from other hosts (the token
//                        is still required); default loopback only
import type { Logger } from "pino";
import { z } from "zod";
import { getEnv, requireAuthSecret } from "../../env";
import { getLogger } from "../../logger";
import { LocalEventBus } from "./local";
import { RemoteEventBus } from "./remote";
import { internalEventsToken } from "./token";
import type { EventBus } from "./types";
import { INTERNAL_EVENTS_PATH } from "./wire";

export * from "./types";
export { LocalEventBus } from "./local";
export { RemoteEventBus } from "./remote";
export { internalEventsToken } from "./token";
export { INTERNAL_EVENTS_PATH } from "./wire";

const blank = (inner: z.ZodType<string | undefined>) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), inner);

const schema = z.object({
  EVENTS_URL: blank(z.url({ protocol: /^wss?$/ }).optional()),
  EVENTS_ALLOW_REMOTE: blank(z.enum(["true", "false", "1", "0"]).optional()),
});

export interface EventsEnv {
  eventsUrl: string;
  allowRemote: boolean;
}

export function parseEventsEnv(source: Record<string, string | undefined>, voicePort: number): EventsEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const v = parsed.data;
  return {
    eventsUrl: v.EVENTS_URL ?? `ws://127.0.0.1:${voicePort}${INTERNAL_EVENTS_PATH}`,
    allowRemote: v.EVENTS_ALLOW_REMOTE === "true" || v.EVENTS_ALLOW_REMOTE === "1",
  };
}

export function getEventsEnv(): EventsEnv {
  return parseEventsEnv(process.env, getEnv().VOICE_PORT);
}

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
    url: opts.url ?? getEventsEnv().eventsUrl,
    token: opts.token ?? internalEventsToken(requireAuthSecret()),
    logger,
    backoff: opts.backoff,
  });
}
