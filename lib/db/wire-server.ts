// A TCP server speaking the PostgreSQL wire protocol in front of one PGlite: each socket is a
// WireConnection (framing, SSL refusal, SCRAM-SHA-256 password check) and our WireQueue decides
// whose messages run, and rolls back a connection that sits idle while owning the backend.
import { createServer, type Server } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { WireConnection } from "./wire-connection";
import { errorResponse } from "./wire-protocol";
import { WireQueue } from "./wire-queue";
import { createScramVerifier } from "./wire-scram";

export type WireServer = { port: number; stop(): Promise<void> };

export interface WireServerOptions {
  host: string;
  port: number;
  maxConnections: number;
  /** The password every connection must prove (SCRAM-SHA-256). */
  password: string;
  /** Idle time allowed to a connection that owns the backend (open transaction); 0: no limit. */
  idleInTransactionTimeoutMs: number;
}

export async function serveOverWire(db: PGlite, opts: WireServerOptions): Promise<WireServer> {
  const connections = new Map<number, WireConnection>();
  const limitMs = opts.idleInTransactionTimeoutMs;
  const queue = new WireQueue(db, {
    idleInTransactionTimeoutMs: limitMs,
    onIdleTimeout: (id) =>
      connections.get(id)?.terminate({
        code: "25P03", // idle_in_transaction_session_timeout, as PostgreSQL reports it
        message: "terminating connection due to idle-in-transaction timeout",
        detail:
          `This connection held a transaction open without sending anything for ${limitMs} ms. The embedded database ` +
          `runs one transaction at a time, so that blocked every other connection; the transaction was rolled back.`,
        hint: "Keep transactions short, or raise EMBEDDED_DB_IDLE_TX_TIMEOUT_MS.",
      }),
  });
  // Derived once: a connection's check then costs two HMACs, not a key derivation.
  const verifier = createScramVerifier(opts.password);

  const server: Server = createServer((socket) => {
    if (connections.size >= opts.maxConnections) {
      socket.end(errorResponse({ severity: "FATAL", code: "53300", message: "sorry, too many clients already" }));
      return;
    }
    const conn = new WireConnection(socket, queue, verifier, (c) => connections.delete(c.id));
    connections.set(conn.id, conn);
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
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...connections.values()].map((c) => c.close({ now: true })));
      queue.close();
      await closing;
    },
  };
}
