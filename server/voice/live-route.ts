// /live: the dashboard's Live view follows calls over this socket. The browser opens it with a
// short-lived token the app minted from the session (lib/realtime/browser-token.ts); it is checked
// before the upgrade, with the Origin: a page on another site could otherwise open the socket with
// the user's token in hand (cross-site WebSocket hijacking). The token authenticates the opening only:
// an open socket outlives its expiry. Every subscription is scoped to the token's tenant, a call id
// is checked against the database first, and each forwarded event is checked again (defence in depth).
// Dead peers are found by the voice server's ping/pong heartbeat (http-server.ts).
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import WebSocket from "ws";
import { callChannel, tenantCallsChannel, type EventBus, type LiveEvent } from "../../lib/providers/events/types";
import { browserTokenFromUrl, verifyBrowserToken, type BrowserTokenClaims } from "../../lib/realtime/browser-token";
import { LIVE_PATH, liveClientMessageSchema, MAX_LIVE_CLIENT_MESSAGE_BYTES, type LiveServerMessage } from "../../lib/realtime/live-wire";
import type { UpgradeRoute } from "./http-server";

export interface LiveRouteOptions {
  bus: Pick<EventBus, "subscribe">;
  logger: Logger;
  /** Origins whose pages may open the socket: APP_URL's and ALLOWED_ORIGINS (lib/http/csrf.ts). */
  allowedOrigins: ReadonlySet<string>;
  /** Whether `callId` is a call of `tenantId`: a lookup scoped to that tenant, nothing cached. */
  isCallOfTenant(tenantId: string, callId: string): Promise<boolean>;
  /** Tests: the token key's secret and clock (default AUTH_SECRET, now). */
  secret?: string;
  now?: () => Date;
  /** Bytes queued on one socket before events to it are dropped. Default 512 KiB. */
  maxBufferedBytes?: number;
  /** Calls (plus the tenant's list) one socket may follow. Default 50. */
  maxChannels?: number;
}

export function createLiveRoute(opts: LiveRouteOptions): UpgradeRoute {
  const { bus, logger } = opts;
  const maxBuffered = opts.maxBufferedBytes ?? 512 * 1024;
  const maxChannels = opts.maxChannels ?? 50;
  // The verified claims, from verify() to onConnection() (same request object).
  const claimsOf = new WeakMap<IncomingMessage, BrowserTokenClaims>();

  return {
    path: LIVE_PATH,
    async verify(req) {
      const origin = req.headers.origin;
      if (!origin || !opts.allowedOrigins.has(origin)) return { ok: false, status: 403, message: "Forbidden origin" };
      const check = verifyBrowserToken(browserTokenFromUrl(req.url), { purpose: "live", secret: opts.secret, now: opts.now?.() });
      if (!check.ok) return { ok: false, status: 401, message: "Unauthorized" };
      claimsOf.set(req, check.claims);
      return { ok: true };
    },
    onConnection(ws, req) {
      const claims = claimsOf.get(req);
      if (!claims) return ws.close(1011, "unverified");
      const log = logger.child({ socket: "live", tenantId: claims.tenantId, userId: claims.userId });
      // channel → unsubscribe; a call being checked holds its slot with null.
      const following = new Map<string, (() => void) | null>();
      let dropped = 0;

      const send = (m: LiveServerMessage) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
      };
      const forward = (event: LiveEvent) => {
        if (event.tenantId !== claims.tenantId) {
          log.error({ callId: event.callId }, "live event of another tenant on a subscribed channel: not forwarded");
          return;
        }
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > maxBuffered) {
          if (dropped++ % 1000 === 0) log.warn({ dropped }, "live view is behind: dropping events");
          return;
        }
        send({ type: "event", event });
      };
      const follow = (channel: string) => following.set(channel, bus.subscribe(channel, forward));
      const unfollow = (channel: string) => {
        following.get(channel)?.();
        following.delete(channel);
      };

      const subscribeCall = async (callId: string) => {
        const channel = callChannel(callId);
        following.set(channel, null);
        let ok = false;
        try {
          ok = await opts.isCallOfTenant(claims.tenantId, callId);
        } catch (err) {
          log.warn({ err, callId }, "live call lookup failed");
        }
        // Unsubscribed or closed while the lookup ran: nothing to do.
        if (following.get(channel) !== null || ws.readyState !== WebSocket.OPEN) return;
        if (!ok) {
          following.delete(channel);
          return send({ type: "error", code: "CALL_NOT_FOUND", message: "No such call in this workspace", callId });
        }
        follow(channel);
        send({ type: "subscribed", callId });
      };

      ws.on("message", (data, isBinary) => {
        if (isBinary) return ws.close(1003, "text frames only");
        const text = data.toString();
        if (text.length > MAX_LIVE_CLIENT_MESSAGE_BYTES) return ws.close(1009, "message too large");
        let parsed;
        try {
          parsed = liveClientMessageSchema.safeParse(JSON.parse(text));
        } catch {
          return ws.close(1008, "malformed JSON");
        }
        if (!parsed.success) return ws.close(1008, "invalid message");
        const m = parsed.data;
        const channel = "channel" in m ? tenantCallsChannel(claims.tenantId) : callChannel(m.callId);
        if (m.op === "unsubscribe") return unfollow(channel);
        if (following.has(channel)) return;
        if (following.size >= maxChannels) {
          return send({ type: "error", code: "TOO_MANY_CHANNELS", message: `At most ${maxChannels} subscriptions per socket`, ...("callId" in m && { callId: m.callId }) });
        }
        if ("callId" in m) return void subscribeCall(m.callId);
        follow(channel);
        send({ type: "subscribed", channel: "calls" });
      });
      ws.on("close", () => {
        for (const off of following.values()) off?.();
        following.clear();
      });
      ws.on("error", (err) => log.debug({ err }, "live socket error"));
    },
  };
}
