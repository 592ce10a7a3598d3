// The HTTP server in front of Next.js: it owns the socket, so it is the one place that knows the
// peer's address. Every request (upgrades too) gets x-frontdesk-client-ip from the socket and
// X-Forwarded-For (lib/http/peer-address.ts) before Next sees it; the handler is Next's in
// server/app/main.ts and a stub in the tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { stampClientIp } from "../../lib/http/peer-address";

export type AppRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface AppHttpServerOptions {
  handler: AppRequestHandler;
  trustedHops: number;
  onError: (err: unknown, req: IncomingMessage) => void;
}

export function createAppHttpServer({ handler, trustedHops, onError }: AppHttpServerOptions): Server {
  const server = createServer((req, res) => {
    stampClientIp(req, trustedHops);
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        onError(err, req);
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
          res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Internal error" } }));
        } else {
          res.destroy();
        }
      });
  });
  // Registered before anything else listens for upgrades (Next adds its own HMR listener on the first
  // request), and listeners run in order: the header is replaced before any of them reads it.
  server.on("upgrade", (req: IncomingMessage) => void stampClientIp(req, trustedHops));
  return server;
}

/** Listens on `port` on every interface (as `next start` does) and resolves once bound. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
