// /internal/events: the live event bus served to the app and the worker when there is no Redis (the
// voice server holds the bus; lib/providers/events/remote.ts is the other end). Loopback only unless
// EVENTS_ALLOW_REMOTE, and always behind the bearer token derived from AUTH_SECRET. A subscriber that
// cannot keep up loses events (its socket buffer is capped) rather than growing this process's memory.
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import WebSocket from "ws";
import { checkBearer } from "../../lib/providers/events/token";
import { MAX_EVENT_BYTES, type EventBus, type LiveEvent } from "../../lib/providers/events/types";
import { clientMessageSchema, INTERNAL_EVENTS_PATH } from "../../lib/providers/events/wire";
import type { UpgradeRoute } from "./http-server";

export interface EventsRouteOptions {
  bus: EventBus;
  /** internalEventsToken(AUTH_SECRET). */
  token: string;
  logger: Logger;
  /** Accept connections from other hosts (still token-checked). Default false. */
  allowRemote?: boolean;
  /** Bytes queued on one socket before events to it are dropped. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Channels one socket may follow. Default 1000. */
  maxChannels?: number;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

export function createEventsRoute(opts: EventsRouteOptions): UpgradeRoute {
  const { bus, logger } = opts;
  const maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  const maxChannels = opts.maxChannels ?? 1000;

  return {
    path: INTERNAL_EVENTS_PATH,
    async verify(req: IncomingMessage) {
      if (!opts.allowRemote && !isLoopback(req.socket.remoteAddress)) return { ok: false, status: 403, message: "Forbidden" };
      if (!checkBearer(req.headers.authorization, opts.token)) return { ok: false, status: 401, message: "Unauthorized" };
      return { ok: true };
    },
    onConnection(ws: WebSocket) {
      const log = logger.child({ socket: "internal-events" });
      const following = new Map<string, () => void>();
      let dropped = 0;

      const forward = (event: LiveEvent, channel: string) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > maxBuffered) {
          if (dropped++ % 1000 === 0) log.warn({ dropped }, "internal events subscriber is behind: dropping events");
          return;
        }
        ws.send(JSON.stringify({ channel, event }));
      };

      const refuse = (reason: string) => {
        log.warn({ reason }, "internal events socket closed");
        ws.close(1008, reason);
      };

      ws.on("message", (data, isBinary) => {
        const text = isBinary ? null : data.toString();
        if (!text || text.length > MAX_EVENT_BYTES) return refuse("message too large or binary");
        let message;
        try {
          message = clientMessageSchema.safeParse(JSON.parse(text));
        } catch {
          return refuse("malformed JSON");
        }
        if (!message.success) return refuse("invalid message");
        const m = message.data;
        if (m.op === "publish") return bus.publish(m.channel, m.event);
        if (m.op === "unsubscribe") {
          following.get(m.channel)?.();
          following.delete(m.channel);
          return;
        }
        if (following.has(m.channel)) return;
        if (following.size >= maxChannels) return refuse("too many channels");
        following.set(m.channel, bus.subscribe(m.channel, forward));
      });
      ws.on("close", () => {
        for (const unsubscribe of following.values()) unsubscribe();
        following.clear();
      });
      ws.on("error", (err) => log.debug({ err }, "internal events socket error"));
    },
  };
}
