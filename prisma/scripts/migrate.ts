// `npm run db:migrate`: apply pending prisma/migrations to the configured database
// (DATABASE_URL, or the embedded PGlite the dev launcher serves when it is unset).
import { applyMigrations } from "../../lib/db/migrations/apply";
import { getEnv } from "../../lib/env";

async function main(): Promise<void> {
  const env = getEnv();
  const started = Date.now();
  const applied = await applyMigrations(env.databaseUrl, { log: (m) => console.log(m) }).catch((err: unknown) => {
    // The embedded database only exists while the dev launcher runs; say so instead of ECONNREFUSED.
    if (env.embeddedDatabase && (err as NodeJS.ErrnoException).code === "ECONNREFUSED") {
      throw new Error(
        `No database at ${env.databaseUrl}: DATABASE_URL is unset, so this targets the embedded database, ` +
          `which runs while \`npm run dev\` does. Start it, or set DATABASE_URL.`,
      );
    }
    throw err;
  });
  console.log(`${applied.length} migration(s) applied in ${Date.now() - started} ms`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
