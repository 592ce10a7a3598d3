// The bus on Redis pub/sub (REDIS_URL): every process publishes to Redis and each process holds one
// subscriber connection, shared by all its handlers (a Redis connection in subscribe mode can do
// nothing else). Messages are JSON LiveEvents; a message that does not parse is logged and skipped.
// Publishes in flight are capped: while Redis is slow or down, ioredis would otherwise queue them
// without bound, so past the cap they are dropped and counted.
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { Subscriptions } from "./dispatch";
import { isChannel, MAX_EVENT_BYTES, parseLiveEvent, type EventBus, type LiveEvent, type LiveEventHandler } from "./types";

export interface RedisEventBusOptions {
  url: string;
  logger: Logger;
  /** Prefix of the Redis channel names. Default "frontdesk:events:". */
  prefix?: string;
  /** Publishes awaiting Redis before new ones are dropped. Default 5000. */
  maxInFlight?: number;
}

export class RedisEventBus implements EventBus {
  readonly name = "redis";
  private readonly log: Logger;
  private readonly prefix: string;
  private readonly maxInFlight: number;
  private readonly subs: Subscriptions;
  private publisher?: Redis;
  private subscriber?: Redis;
  private inFlight = 0;
  private published = 0;
  private dropped = 0;
  private closed = false;

  constructor(private readonly opts: RedisEventBusOptions) {
    this.log = opts.logger;
    this.prefix = opts.prefix ?? "frontdesk:events:";
    this.maxInFlight = opts.maxInFlight ?? 5000;
    this.subs = new Subscriptions(opts.logger);
  }

  private connect(role: "publisher" | "subscriber"): Redis {
    const redis = new Redis(this.opts.url, {
      // A publish fails after a few reconnect attempts instead of waiting forever (it is dropped then).
      maxRetriesPerRequest: role === "publisher" ? 2 : null,
      connectionName: `frontdesk-events-${role}`,
    });
    redis.on("error", (err) => this.log.debug({ err, role }, "event bus redis connection error"));
    return redis;
  }

  publish(channel: string, event: LiveEvent): void {
    if (this.closed) return;
    if (!isChannel(channel)) {
      this.log.warn({ channel }, "live event on an invalid channel dropped");
      return;
    }
    if (this.inFlight >= this.maxInFlight) {
      if (this.dropped++ % 1000 === 0) this.log.warn({ dropped: this.dropped }, "redis is behind: dropping live events");
      return;
    }
    let message: string;
    try {
      message = JSON.stringify(event);
    } catch (err) {
      this.log.warn({ err, channel }, "live event is not serialisable: dropped");
      return;
    }
    this.publisher ??= this.connect("publisher");
    this.inFlight++;
    this.published++;
    this.publisher
      .publish(this.prefix + channel, message)
      .catch((err: unknown) => {
        if (this.dropped++ % 1000 === 0) this.log.warn({ err, dropped: this.dropped }, "live event publish failed");
      })
      .finally(() => this.inFlight--);
  }

  subscribe(channel: string, handler: LiveEventHandler): () => void {
    if (!isChannel(channel)) throw new Error(`subscribe: "${channel}" is not an event channel`);
    const { first, remove } = this.subs.add(channel, handler);
    if (first) this.subscriberConnection().subscribe(this.prefix + channel).catch((err: unknown) => this.log.error({ err, channel }, "redis subscribe failed"));
    return () => {
      if (remove() && this.subscriber && !this.closed) {
        this.subscriber.unsubscribe(this.prefix + channel).catch((err: unknown) => this.log.warn({ err, channel }, "redis unsubscribe failed"));
      }
    };
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    const sub = this.connect("subscriber");
    sub.on("message", (fullChannel: string, message: string) => {
      if (!fullChannel.startsWith(this.prefix)) return;
      const channel = fullChannel.slice(this.prefix.length);
      const event = message.length <= MAX_EVENT_BYTES ? parseJson(message) : null;
      if (!event) {
        this.log.warn({ channel, bytes: message.length }, "malformed live event from redis ignored");
        return;
      }
      this.subs.deliver(channel, event);
    });
    this.subscriber = sub;
    return sub;
  }

  stats() {
    return { published: this.published, dropped: this.dropped };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.publisher, this.subscriber].map((r) => r?.quit().catch(() => r.disconnect())));
  }
}

function parseJson(message: string): LiveEvent | null {
  try {
    return parseLiveEvent(JSON.parse(message));
  } catch {
    return null;
  }
}
