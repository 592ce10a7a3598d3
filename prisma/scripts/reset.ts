// `npm run db:reset`: drop everything in the `public` schema of the configured database, re-apply
// all migrations, then seed (when prisma/seed.ts exports seedDatabase). Development only.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import type { Db } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { withDatabase } from "../../lib/db/with-database";
import { getEnv } from "../../lib/env";
import { generateClient } from "./generate";

const SEED_PATH = path.resolve("prisma/seed.ts");

async function dropPublicSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Also drops _prisma_migrations and extensions installed into public (pgvector); the init
    // migration recreates both. The GRANT restores PostgreSQL 15's default access for other roles.
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; GRANT USAGE ON SCHEMA public TO PUBLIC;");
  } finally {
    await client.end();
  }
}

async function seed(url: string): Promise<void> {
  // The seed is optional: import it only if the file exists, so a missing seed is a message, while a
  // seed that fails to load or run is still a real error.
  if (!existsSync(SEED_PATH)) {
    console.log("No prisma/seed.ts; skipping seed");
    return;
  }
  const mod = (await import(pathToFileURL(SEED_PATH).href)) as { seedDatabase?: (db: Db) => Promise<unknown> };
  if (typeof mod.seedDatabase !== "function") {
    console.log("prisma/seed.ts does not export seedDatabase(db); skipping seed");
    return;
  }
  // Imported here, after main() generated the client: on a fresh checkout it did not exist before.
  const { createDb } = await import("../../lib/db/client");
  const db = createDb(url, { max: 2 });
  try {
    await mod.seedDatabase(db);
    console.log("Seeded");
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  const env = getEnv();
  if (env.NODE_ENV === "production" && !process.argv.includes("--force")) {
    throw new Error("Refusing to reset a database with NODE_ENV=production (pass --force if you really mean it)");
  }
  generateClient(); // the seed uses the client; near-free when schema.prisma is unchanged
  const started = Date.now();
  await withDatabase(async (url, how) => {
    await dropPublicSchema(url);
    await applyMigrations(url, { log: (m) => console.log(m) });
    await seed(url);
    console.log(`Reset ${how} in ${Date.now() - started} ms`);
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
