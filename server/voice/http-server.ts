// The voice server's transport shell: an HTTP server (GET /health) and WebSocket upgrades dispatched
// by exact path through a route table. It knows nothing about calls: each upgrade route hands the
// accepted socket to its own handler (the Twilio media-stream transport, the browser-call transport,
// the live-monitoring socket), which lives next to this file and calls into lib/.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import { createRequestListener, pathOf, type Routes } from "../shared/http";

export type UpgradeVerdict = { ok: true } | { ok: false; status: number; message: string };

export interface UpgradeRoute {
  /** Exact path, e.g. "/twilio/media-stream". The query string is not part of the match. */
  path: string;
  /** Optional check before the handshake completes (e.g. a signed token in the query string). */
  verify?(req: IncomingMessage): Promise<UpgradeVerdict>;
  /** Owns the socket from here on. */
  onConnection(ws: WebSocket, req: IncomingMessage): void;
}

export interface VoiceHttpServerOptions {
  routes: Routes;
  upgradeRoutes: UpgradeRoute[];
  logger: Logger;
  /** Largest accepted WebSocket message. Twilio media frames are ~250 bytes. Default 1 MiB. */
  maxPayload?: number;
  /** Sockets that miss a ping interval are terminated. Default 30 s. */
  heartbeatMs?: number;
}

export interface VoiceHttpServer {
  server: Server;
  wss: WebSocketServer;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, closes every socket (1001 "going away"), then the HTTP server. */
  close(opts?: { graceMs?: number }): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error", 503: "Service Unavailable" };

/** Answers an upgrade request with a plain HTTP response and closes the socket (what `ws` does too). */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.once("finish", () => socket.destroy());
  socket.once("error", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\n` +
      "Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createVoiceHttpServer(opts: VoiceHttpServerOptions): VoiceHttpServer {
  const log = opts.logger;
  const server = createServer(createRequestListener(opts.routes, log));
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? 1024 * 1024 });
  const byPath = new Map(opts.upgradeRoutes.map((r) => [r.path, r]));
  if (byPath.size !== opts.upgradeRoutes.length) throw new Error("Duplicate upgrade route path");
  // Protocol-level pings find sockets whose peer vanished without a TCP close.
  const alive = new WeakMap<WebSocket, boolean>();
  let closing = false;

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", (err) => log.debug({ err }, "upgrade socket error"));
    const route = byPath.get(pathOf(req));
    if (closing) return rejectUpgrade(socket, 503, "Server is shutting down");
    if (!route) return rejectUpgrade(socket, 404, "Not Found");
    const verify = route.verify ? route.verify(req) : Promise.resolve<UpgradeVerdict>({ ok: true });
    verify
      .then((verdict) => {
        if (!verdict.ok) return rejectUpgrade(socket, verdict.status, verdict.message);
        wss.handleUpgrade(req, socket, head, (ws) => {
          alive.set(ws, true);
          ws.on("pong", () => alive.set(ws, true));
          route.onConnection(ws, req);
        });
      })
      .catch((err: unknown) => {
        log.error({ err, path: route.path }, "upgrade verification failed");
        rejectUpgrade(socket, 500, "Internal Server Error");
      });
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, opts.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    server,
    wss,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    async close({ graceMs = 2000 } = {}) {
      closing = true;
      clearInterval(heartbeat);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      const deadline = Date.now() + graceMs;
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
