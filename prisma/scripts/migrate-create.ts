// `npm run db:migrate:create -- --name add_x`: what `prisma migrate dev --create-only` does, offline.
// Regenerates the client, diffs "existing migrations -> schema.prisma" with the wasm schema engine,
// and writes prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql (plus migration_lock.toml)
// when there is a difference. It never touches a database: apply with `npm run db:migrate`.
// `--create-only` is accepted for muscle memory; creating without applying is all this does.
//
// Hand-written SQL appended to the init migration does not cause a spurious diff on the next run:
// - the optional pgvector block is a no-op in the (pgvector-less) shadow PGlite the diff replays into;
// - the STORED generated column KnowledgeChunk.tsv *would*: Prisma reads its generation expression as
//   a column default and proposes `ALTER TABLE "KnowledgeChunk" ALTER COLUMN "tsv" DROP DEFAULT;`
//   (a statement PostgreSQL rejects for generated columns). diffSchemaSql removes exactly such
//   clauses for columns the shadow database reports as generated, so a second run prints
//   "No schema changes".
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { diffSchemaSql, LOCKFILE_CONTENT, LOCKFILE_NAME } from "../../lib/db/migrations/schema-engine";
import { generateClient } from "./generate";

const SCHEMA_PATH = "prisma/schema.prisma";
const MIGRATIONS_DIR = "prisma/migrations";

/** Prisma's directory-name timestamp: UTC, YYYYMMDDHHMMSS. */
function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function parseName(argv: string[]): string {
  const { values } = parseArgs({
    args: argv,
    options: { name: { type: "string", short: "n" }, "create-only": { type: "boolean" } },
    strict: true,
  });
  const name = (values.name ?? "").trim().replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (!name) throw new Error("Usage: npm run db:migrate:create -- --name <migration_name> [--create-only]");
  return name;
}

async function main(): Promise<void> {
  const name = parseName(process.argv.slice(2));
  generateClient();

  const started = Date.now();
  const sql = await diffSchemaSql({ schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR });
  if (!sql.trim()) {
    console.log(`No schema changes (diffed in ${Date.now() - started} ms)`);
    return;
  }

  const dir = path.join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  await writeFile(path.join(MIGRATIONS_DIR, LOCKFILE_NAME), LOCKFILE_CONTENT);
  console.log(`Created ${path.join(dir, "migration.sql")} (diffed in ${Date.now() - started} ms)`);
  console.log("Review it, then apply with: npm run db:migrate");
}

// The wasm engine and PGlite leave handles open, so exit explicitly either way.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
