// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) persisted in a local directory
// and served over the PostgreSQL wire protocol on a loopback port.
//
// PGlite is a single connection inside a single process, but the app, the voice server and the
// worker are separate processes. Serving it over the wire (./wire-server.ts) lets all of them connect
// with `pg` / @prisma/adapter-pg, the same code path as a real PostgreSQL server. One connection's
// unit of work (up to Sync) runs at a time and, while a connection is inside a transaction, only that
// connection's (./wire-queue.ts). Every connection shares the one backend session, so session state
// (SET, advisory locks, prepared statement names) is shared too. A connection that keeps a
// transaction open while idle is rolled back and closed after `idleInTransactionTimeoutMs`, and every
// connection must prove the password (SCRAM-SHA-256) before PGlite sees a byte of it.
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { embeddedDatabaseUrl } from "../env";
import { serveOverWire, type WireServer } from "./wire-server";

export interface EmbeddedDatabaseOptions {
  /** Directory holding the database files, or "memory://" for a throwaway in-memory database. */
  dataDir: string;
  /** TCP port; 0 picks a free one (read it back from `url`/`port`). */
  port: number;
  /** Interface to bind. Default 127.0.0.1: the server has no TLS. */
  host?: string;
  /** Concurrent client connections (every process's pool counts). Default 64. */
  maxConnections?: number;
  /** The password clients must give (user "postgres"). Default: a random one, in `url`. */
  password?: string;
  /**
   * How long a connection may hold a transaction open without sending anything before it is rolled
   * back and closed (it blocks every other connection meanwhile). 0: no limit. Default 15 000 ms.
   */
  idleInTransactionTimeoutMs?: number;
}

export const DEFAULT_IDLE_TX_TIMEOUT_MS = 15_000;

export interface EmbeddedDatabase {
  /** Connection URL, password included: mask it before printing (banner.ts maskUrl). */
  url: string;
  port: number;
  /** The PGlite instance itself, for in-process use (e.g. tests). */
  db: PGlite;
  stop(): Promise<void>;
}

const IN_MEMORY = "memory://";

export class EmbeddedDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmbeddedDatabaseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; still alive.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite itself takes no lock: two processes opening one directory both "succeed" and then
 * overwrite each other's pages. So we hold `<dataDir>.lock` (a sibling, because PGlite decides
 * whether to run initdb from the directory's contents) with our pid, and treat a lock whose pid is
 * gone as stale (a crashed or killed launcher).
 */
async function acquireDirLock(dataDir: string, port: number): Promise<() => Promise<void>> {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() }) + "\n");
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = await readFile(lockPath, "utf8")
      .then((text) => JSON.parse(text) as { pid?: number; port?: number })
      .catch(() => ({}) as { pid?: number; port?: number });
    if (typeof holder.pid === "number" && isAlive(holder.pid)) {
      throw new EmbeddedDatabaseError(
        `Embedded database directory ${dataDir} is in use by process ${holder.pid}` +
          (holder.port ? ` (serving on port ${holder.port})` : "") +
          `. Stop that process, or connect to it instead. If no such database process exists, delete ${lockPath}.`,
      );
    }
    await rm(lockPath, { force: true }); // stale: its owner is gone
  }
  throw new EmbeddedDatabaseError(`Could not acquire ${lockPath}: another process keeps recreating it`);
}

export async function startEmbeddedDatabase(opts: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const host = opts.host ?? "127.0.0.1";
  const inMemory = opts.dataDir === IN_MEMORY;
  const password = opts.password ?? randomBytes(24).toString("base64url");
  if (!password) throw new EmbeddedDatabaseError("The embedded database password must not be empty");
  let releaseLock: () => Promise<void> = async () => {};
  if (!inMemory) {
    await mkdir(opts.dataDir, { recursive: true });
    releaseLock = await acquireDirLock(opts.dataDir, opts.port);
  }

  let db: PGlite;
  try {
    db = new PGlite({ dataDir: inMemory ? undefined : path.resolve(opts.dataDir), extensions: { vector } });
    await db.waitReady;
  } catch (err) {
    await releaseLock();
    throw new EmbeddedDatabaseError(
      `Could not open the embedded database in ${opts.dataDir}: ${err instanceof Error ? err.message : String(err)}. ` +
        `If the directory is damaged (e.g. a crash mid-write, or files from another PGlite version), ` +
        `move it aside or delete it (losing its data) and start again.`,
      { cause: err },
    );
  }

  let server: WireServer;
  try {
    server = await serveOverWire(db, {
      host,
      port: opts.port,
      maxConnections: opts.maxConnections ?? 64,
      password,
      idleInTransactionTimeoutMs: opts.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_TX_TIMEOUT_MS,
    });
  } catch (err) {
    await db.close().catch(() => undefined);
    await releaseLock();
    const code = (err as NodeJS.ErrnoException).code;
    throw new EmbeddedDatabaseError(
      code === "EADDRINUSE"
        ? `Port ${opts.port} on ${host} is already in use; is another embedded database or PostgreSQL running there?`
        : `Could not serve the embedded database on ${host}:${opts.port}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const port = server.port;
  let stopping: Promise<void> | undefined;
  return {
    url: embeddedDatabaseUrl(port, password, host),
    port,
    db,
    stop() {
      stopping ??= (async () => {
        await server.stop();
        await db.close();
        await releaseLock();
      })();
      return stopping;
    },
  };
}
