// A TCP server speaking the PostgreSQL wire protocol in front of one PGlite: pglite-socket's
// connection handler (framing, SSL refusal, idle handling) with our WireQueue deciding who runs.
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import { WireQueue } from "./wire-queue";

export type WireServer = { port: number; stop(): Promise<void> };

export async function serveOverWire(db: PGlite, opts: { host: string; port: number; maxConnections: number }): Promise<WireServer> {
  const queue = new WireQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    if (handlers.size >= opts.maxConnections) {
      socket.end();
      return;
    }
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions["queryQueue"],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    port: (server.address() as { port: number }).port,
    async stop() {
      await Promise.all([...handlers].map((h) => h.detach(true)));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
