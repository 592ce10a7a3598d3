// Channel → handlers bookkeeping shared by the buses: handlers run isolated (one that throws neither
// stops the others nor reaches the publisher), and the first/last handler of a channel is reported so
// a bus can (un)subscribe upstream.
import type { Logger } from "pino";
import type { LiveEvent, LiveEventHandler } from "./types";

export class Subscriptions {
  private readonly byChannel = new Map<string, Set<LiveEventHandler>>();

  constructor(private readonly log: Logger) {}

  /** Returns whether this is the channel's first handler, and the function that removes it (true: its last). */
  add(channel: string, handler: LiveEventHandler): { first: boolean; remove: () => boolean } {
    let set = this.byChannel.get(channel);
    const first = !set;
    if (!set) this.byChannel.set(channel, (set = new Set()));
    // A wrapper, so subscribing the same function twice means two subscriptions.
    const entry: LiveEventHandler = (e, c) => handler(e, c);
    set.add(entry);
    let removed = false;
    return {
      first,
      remove: () => {
        if (removed) return false;
        removed = true;
        set.delete(entry);
        if (set.size > 0 || this.byChannel.get(channel) !== set) return false;
        this.byChannel.delete(channel);
        return true;
      },
    };
  }

  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  count(channel: string): number {
    return this.byChannel.get(channel)?.size ?? 0;
  }

  deliver(channel: string, event: LiveEvent): void {
    const set = this.byChannel.get(channel);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(event, channel);
      } catch (err) {
        this.log.warn({ err, channel, type: event.type }, "live event handler threw");
      }
    }
  }
}
