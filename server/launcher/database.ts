// The launcher's database steps (the embedded database's password comes from withEmbeddedDbPassword in
// lib/db/embedded-password.ts): serve the embedded PGlite when DATABASE_URL is unset (in a process
// of its own, ./embedded-db-child.ts, behind the password in .data/embedded-db-password), apply
// migrations, seed an empty database. Modules that load the Prisma client are imported lazily,
// because on a fresh checkout the client is generated only moments before.
import path from "node:path";
import type { Env } from "../../lib/env";
import { EmbeddedDbChildError, startEmbeddedDbChild } from "./embedded-db-child";
import { PortInUseError } from "./ports";
import type { ExitInfo } from "./supervisor";

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface LauncherDatabase {
  /** Includes the password when embedded: print it through maskUrl only. */
  url: string;
  embedded: boolean;
  /** Where the embedded database keeps its files (embedded only). */
  dataDir?: string;
  /** Resolves if the embedded database process exits without being asked to; else never. */
  crashed: Promise<ExitInfo>;
  stop(): Promise<void>;
}

export async function startDatabase(env: Env, root: string, opts: { log?: (line: string) => void } = {}): Promise<LauncherDatabase> {
  const never = new Promise<ExitInfo>(() => undefined);
  if (!env.embeddedDatabase) return { url: env.databaseUrl, embedded: false, crashed: never, stop: async () => {} };
  const { EMBEDDED_DB_PORT: port, EMBEDDED_DB_PASSWORD: password } = env;
  if (!password) throw new Error("EMBEDDED_DB_PASSWORD missing: call withEmbeddedDbPassword first");
  const dataDir = path.resolve(root, env.EMBEDDED_DB_DIR);
  try {
    const child = await startEmbeddedDbChild(
      { dataDir, port, password, idleInTransactionTimeoutMs: env.EMBEDDED_DB_IDLE_TX_TIMEOUT_MS },
      { log: opts.log },
    );
    return { url: env.databaseUrl, embedded: true, dataDir, crashed: child.crashed, stop: () => child.stop() };
  } catch (err) {
    if (err instanceof EmbeddedDbChildError && err.code === "EADDRINUSE") throw new PortInUseError(port, "EMBEDDED_DB_PORT", "embedded database");
    throw err;
  }
}

export async function migrate(url: string, log: (line: string) => void): Promise<string[]> {
  const { applyMigrations } = await import("../../lib/db/migrations/apply");
  return applyMigrations(url, { log });
}

/**
 * Seeds when the database has no tenant (and `allowSeed`), then returns the demo logins that exist
 * in it, for the banner (none when the database holds other data).
 */
export async function seedIfEmpty(url: string, allowSeed: boolean): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  const [{ createDb }, { seedDatabase, DEMO_LOGINS }] = await Promise.all([
    import("../../lib/db/client"),
    import("../../prisma/seed"),
  ]);
  const db = createDb(url, { max: 2 });
  try {
    if (allowSeed && (await db.tenant.count()) === 0) {
      const { logins } = await seedDatabase(db);
      return { seeded: true, logins: [...logins] };
    }
    const present = await db.user.findMany({ where: { email: { in: DEMO_LOGINS.map((l) => l.email) } }, select: { email: true } });
    const emails = new Set(present.map((u) => u.email));
    return { seeded: false, logins: DEMO_LOGINS.filter((l) => emails.has(l.email)) };
  } finally {
    await db.$disconnect();
  }
}
