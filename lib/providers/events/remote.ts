// The bus as seen from a process that does not hold it (the app, the worker) when there is no Redis:
// a WebSocket to the voice server's /internal/events. It reconnects with capped exponential back-off
// (with jitter, so many clients do not return in step) and re-subscribes every channel on each
// connection. Events published while disconnected wait in a small buffer; past it they are dropped
// and counted, and events on the voice server during an outage are simply missed (the database has
// them).
import type { Logger } from "pino";
import WebSocket from "ws";
import { Subscriptions } from "./dispatch";
import { isChannel, MAX_EVENT_BYTES, type EventBus, type LiveEvent, type LiveEventHandler } from "./types";
import { serverMessageSchema, type ClientMessage } from "./wire";

export interface RemoteEventBusOptions {
  /** e.g. ws://127.0.0.1:8080/internal/events */
  url: string;
  token: string;
  logger: Logger;
  /** Back-off between reconnects: starts at minMs, doubles to maxMs. Default 250 ms … 10 s. */
  backoff?: { minMs: number; maxMs: number };
  /** Publishes kept while disconnected. Default 1000. */
  maxBuffered?: number;
}

export class RemoteEventBus implements EventBus {
  readonly name = "remote";
  private readonly log: Logger;
  private readonly subs: Subscriptions;
  private readonly backoff: { minMs: number; maxMs: number };
  private readonly maxBuffered: number;
  private ws?: WebSocket;
  private outbox: string[] = [];
  private attempt = 0;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private published = 0;
  private dropped = 0;
  private connections = 0;

  constructor(private readonly opts: RemoteEventBusOptions) {
    this.log = opts.logger;
    this.subs = new Subscriptions(opts.logger);
    this.backoff = opts.backoff ?? { minMs: 250, maxMs: 10_000 };
    this.maxBuffered = opts.maxBuffered ?? 1000;
    this.connect();
  }

  /** Times a connection was opened (tests watch reconnects). */
  get connectionCount(): number {
    return this.connections;
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  private connect(): void {
    if (this.closed) return;
    const ws = new WebSocket(this.opts.url, { headers: { authorization: `Bearer ${this.opts.token}` }, maxPayload: MAX_EVENT_BYTES * 2 });
    this.ws = ws;
    ws.on("open", () => {
      this.attempt = 0;
      this.connections++;
      for (const channel of this.subs.channels()) this.send({ op: "subscribe", channel });
      const pending = this.outbox;
      this.outbox = [];
      for (const text of pending) ws.send(text);
    });
    ws.on("message", (data, isBinary) => this.receive(data, isBinary));
    ws.on("unexpected-response", (_req, res) => {
      this.log.warn({ status: res.statusCode }, "internal events socket refused");
      ws.terminate();
    });
    ws.on("error", (err) => this.log.debug({ err }, "internal events socket error"));
    ws.on("close", () => {
      if (this.ws === ws) this.ws = undefined;
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    const ceiling = Math.min(this.backoff.maxMs, this.backoff.minMs * 2 ** this.attempt++);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect();
    }, delay);
    this.timer.unref();
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    const text = isBinary ? null : data.toString();
    let parsed: ReturnType<typeof serverMessageSchema.safeParse> | null = null;
    try {
      parsed = text && text.length <= MAX_EVENT_BYTES ? serverMessageSchema.safeParse(JSON.parse(text)) : null;
    } catch {}
    if (!parsed?.success) {
      this.log.warn({ bytes: text?.length }, "malformed message on the internal events socket ignored");
      return;
    }
    this.subs.deliver(parsed.data.channel, parsed.data.event);
  }

  private send(message: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  publish(channel: string, event: LiveEvent): void {
    if (this.closed) return;
    if (!isChannel(channel)) {
      this.log.warn({ channel }, "live event on an invalid channel dropped");
      return;
    }
    let text: string;
    try {
      text = JSON.stringify({ op: "publish", channel, event } satisfies ClientMessage);
    } catch (err) {
      this.log.warn({ err, channel }, "live event is not serialisable: dropped");
      return;
    }
    this.published++;
    if (this.ws?.readyState === WebSocket.OPEN) return this.ws.send(text);
    if (this.outbox.length >= this.maxBuffered) {
      if (this.dropped++ % 1000 === 0) this.log.warn({ dropped: this.dropped }, "internal events socket down: dropping live events");
      return;
    }
    this.outbox.push(text);
  }

  subscribe(channel: string, handler: LiveEventHandler): () => void {
    if (!isChannel(channel)) throw new Error(`subscribe: "${channel}" is not an event channel`);
    const { first, remove } = this.subs.add(channel, handler);
    if (first) this.send({ op: "subscribe", channel });
    return () => {
      if (remove()) this.send({ op: "unsubscribe", channel });
    };
  }

  stats() {
    return { published: this.published, dropped: this.dropped };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once("close", () => resolve());
      ws.close(1000, "closing");
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1000).unref();
    });
  }
}
