// `npm run db:reset`: drop everything in the `public` schema of the configured database, re-apply
// all migrations, then seed the demo data. Development only.
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { withDatabase } from "../../lib/db/with-database";
import { getEnv } from "../../lib/env";
import { generateClient } from "./generate";

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
  // Imported here, after main() generated the client: on a fresh checkout it did not exist before.
  const [{ createDb }, { seedDatabase }] = await Promise.all([import("../../lib/db/client"), import("../seed")]);
  const db = createDb(url, { max: 2 });
  try {
    await seedDatabase(db);
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
