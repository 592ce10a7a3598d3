// Shared by the queue's integration tests: a database with the real migrations applied (a throwaway
// PostgreSQL database or an in-memory embedded PGlite served over the wire), the Prisma clients a test
// opens on it (each one as another process would have), and small waiting helpers.
import { createDb, type Db } from "../db/client";
import { PostgresQueue, type PostgresQueueOptions } from "../providers/queue/postgres";
import { startTestDatabase, type TestDatabaseKind } from "./test-database";
import { until } from "./wait";

export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  return until(predicate, "condition", { timeoutMs, stepMs: 10 });
}

/** A database with the real migrations applied, and the Prisma clients the tests open on it. */
export class DbFixture {
  url = "";
  private stopServer?: () => Promise<void>;
  private readonly clients: Db[] = [];

  constructor(readonly kind: TestDatabaseKind) {}

  async start(): Promise<void> {
    const db = await startTestDatabase(this.kind, "queue");
    this.url = db.url;
    this.stopServer = () => db.stop();
  }

  /** A new client, as another process would have. */
  client(): Db {
    const db = createDb(this.url, { max: 3 });
    this.clients.push(db);
    return db;
  }

  /** A database queue on its own client, listening for NOTIFY like the worker does. */
  queue(opts: Partial<PostgresQueueOptions> = {}, db: Db = this.client()): PostgresQueue {
    return new PostgresQueue({ db, listenUrl: this.url, ...opts });
  }

  /** Empties the queue tables and closes the clients of the test that just ran. */
  async reset(): Promise<void> {
    const [db] = this.clients;
    if (db) await db.$executeRawUnsafe(`TRUNCATE "Job", "JobSchedule"`);
    await Promise.all(this.clients.splice(0).map((c) => c.$disconnect()));
  }

  async stop(): Promise<void> {
    await this.reset().catch(() => undefined);
    await this.stopServer?.();
  }
}
