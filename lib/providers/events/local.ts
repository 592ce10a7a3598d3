// The in-process bus: the default without Redis. The voice server holds it; the app and the worker
// reach it over the voice server's /internal/events socket (remote.ts, server/voice/events-route.ts).
// publish() only appends to a bounded queue; delivery happens on a later turn of the event loop, so a
// handler (e.g. a socket write) never runs inside the call's audio path.
import type { Logger } from "pino";
import { Subscriptions } from "./dispatch";
import { isChannel, type EventBus, type LiveEvent, type LiveEventHandler } from "./types";

export interface LocalEventBusOptions {
  logger: Logger;
  /** Events waiting for delivery before new ones are dropped. Default 10 000. */
  maxQueued?: number;
}

export class LocalEventBus implements EventBus {
  readonly name = "local";
  private readonly subs: Subscriptions;
  private readonly log: Logger;
  private readonly maxQueued: number;
  private queue: { channel: string; event: LiveEvent }[] = [];
  private scheduled = false;
  private closed = false;
  private published = 0;
  private dropped = 0;

  constructor(opts: LocalEventBusOptions) {
    this.log = opts.logger;
    this.subs = new Subscriptions(opts.logger);
    this.maxQueued = opts.maxQueued ?? 10_000;
  }

  publish(channel: string, event: LiveEvent): void {
    if (this.closed) return;
    if (!isChannel(channel)) {
      this.log.warn({ channel }, "live event on an invalid channel dropped");
      return;
    }
    if (this.queue.length >= this.maxQueued) {
      if (this.dropped++ % 1000 === 0) this.log.warn({ dropped: this.dropped }, "live event queue full: dropping events");
      return;
    }
    this.published++;
    // Handlers in this process see the same object; they must not mutate it.
    this.queue.push({ channel, event });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    for (const { channel, event } of batch) this.subs.deliver(channel, event);
  }

  subscribe(channel: string, handler: LiveEventHandler): () => void {
    const { remove } = this.subs.add(channel, handler);
    return () => void remove();
  }

  /** How many handlers listen on `channel` (the internal socket's subscribers included). */
  subscriberCount(channel: string): number {
    return this.subs.count(channel);
  }

  stats() {
    return { published: this.published, dropped: this.dropped };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue = [];
  }
}
