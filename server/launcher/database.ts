// The launcher's database steps: serve the embedded PGlite when DATABASE_URL is unset, apply
// migrations, seed an empty database. Modules that load the Prisma client are imported lazily,
// because on a fresh checkout the client is generated only moments before.
import path from "node:path";
import type { Env } from "../../lib/env";
import { assertPortFree, PortInUseError } from "./ports";

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface LauncherDatabase {
  url: string;
  embedded: boolean;
  /** Where the embedded database keeps its files (embedded only). */
  dataDir?: string;
  stop(): Promise<void>;
}

export async function startDatabase(env: Env, root: string): Promise<LauncherDatabase> {
  if (!env.embeddedDatabase) return { url: env.databaseUrl, embedded: false, stop: async () => {} };
  const port = env.EMBEDDED_DB_PORT;
  await assertPortFree(port, "EMBEDDED_DB_PORT", "embedded database", "127.0.0.1");
  const { startEmbeddedDatabase } = await import("../../lib/db/embedded");
  const dataDir = path.resolve(root, env.EMBEDDED_DB_DIR);
  try {
    const db = await startEmbeddedDatabase({ dataDir, port });
    return { url: db.url, embedded: true, dataDir, stop: () => db.stop() };
  } catch (err) {
    const cause = (err as { cause?: NodeJS.ErrnoException }).cause;
    if (cause?.code === "EADDRINUSE") throw new PortInUseError(port, "EMBEDDED_DB_PORT", "embedded database");
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
