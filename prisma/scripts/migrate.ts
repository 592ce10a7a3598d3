// `npm run db:migrate`: apply pending prisma/migrations to the configured database
// (DATABASE_URL, or the embedded PGlite: the one `npm run dev` serves, or .data/pglite opened here).
import { applyMigrations } from "../../lib/db/migrations/apply";
import { withDatabase } from "../../lib/db/with-database";

async function main(): Promise<void> {
  const started = Date.now();
  await withDatabase(async (url, how) => {
    const applied = await applyMigrations(url, { log: (m) => console.log(m) });
    console.log(`${applied.length} migration(s) applied to ${how} in ${Date.now() - started} ms`);
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
