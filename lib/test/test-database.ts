// A database for tests, with the real migrations applied by the runner `npm run db:migrate` uses:
//   postgres: a uniquely named database (prefixed with `label`) on the PostgreSQL at TEST_POSTGRES_URL
//             (default 127.0.0.1:5432), dropped by stop()
//   pglite:   an in-memory embedded PGlite served over the PostgreSQL wire protocol on a free port,
//             behind a random password that its URL carries (so tests go through SCRAM too)
import { startEmbeddedDatabase } from "../db/embedded";
import { applyMigrations } from "../db/migrations/apply";
import { createThrowawayDatabase } from "./throwaway-postgres";

export type TestDatabaseKind = "postgres" | "pglite";

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startTestDatabase(kind: TestDatabaseKind, label: string): Promise<TestDatabase> {
  const db: TestDatabase =
    kind === "pglite"
      ? await startEmbeddedDatabase({ dataDir: "memory://", port: 0 }).then((e) => ({ url: e.url, stop: () => e.stop() }))
      : await createThrowawayDatabase(label).then((t) => ({ url: t.url, stop: () => t.drop() }));
  try {
    await applyMigrations(db.url);
  } catch (err) {
    await db.stop().catch(() => undefined);
    throw err;
  }
  return db;
}
