// The migration runner against both databases the project supports: a real PostgreSQL (a fresh,
// uniquely named database on 127.0.0.1:5432, dropped afterwards) and the embedded PGlite served
// over the wire (in memory, on an OS-chosen port). The repo's own prisma/migrations are applied,
// so this also proves the hand-written parts of the init migration work on both.
import { createHash, randomBytes } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase } from "../../test/throwaway-postgres";
import { startEmbeddedDatabase } from "../embedded";
import { applyMigrations, inOneTransaction, listMigrations, MigrationError } from "./apply";

const MIGRATIONS_DIR = path.resolve("prisma/migrations");
// PGlite's initdb alone takes several seconds, much more on a busy machine.
const SETUP_TIMEOUT = 240_000;

interface Target {
  url: string;
  /** Whether the server can provide pgvector (PGlite ships it; Debian's PostgreSQL 15 does not). */
  hasVector: boolean;
  dispose(): Promise<void>;
}

const targets: Record<string, () => Promise<Target>> = {
  postgres: async () => {
    const throwaway = await createThrowawayDatabase("migrate");
    return { url: throwaway.url, hasVector: false, dispose: () => throwaway.drop() };
  },
  pglite: async () => {
    const db = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
    return { url: db.url, hasVector: true, dispose: () => db.stop() };
  },
};

/** A scratch copy of the repo's migrations that a test may add to or tamper with. */
async function copyMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "frontdesk-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe.each(Object.keys(targets))("applyMigrations on %s", (kind) => {
  let target: Target;
  let client: pg.Client;
  const scratch: string[] = [];
  const query = async <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => (await client.query<R>(sql, params)).rows;
  const scratchCopy = async () => {
    const dir = await copyMigrations();
    scratch.push(dir);
    return dir;
  };

  beforeAll(async () => {
    const started = Date.now();
    target = await targets[kind]!();
    const ready = Date.now();
    const applied = await applyMigrations(target.url);
    console.log(`[${kind}] database ready in ${ready - started} ms; applied ${applied.join(", ")} in ${Date.now() - ready} ms`);
    client = new pg.Client({ connectionString: target.url });
    await client.connect();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await client?.end();
    await target?.dispose();
    await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
  }, SETUP_TIMEOUT);

  it("creates a table for every model in schema.prisma", async () => {
    const schema = await readFile("prisma/schema.prisma", "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!);
    expect(models.length).toBeGreaterThan(10);
    const tables = (await query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'`)).map(
      (r) => r.t,
    );
    expect(tables).toEqual(expect.arrayContaining([...models, "_prisma_migrations"]));
  });

  it("records each migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const files = await listMigrations(MIGRATIONS_DIR);
    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      started_at: Date;
      logs: string | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at`);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of rows) {
      // Computed here independently of the runner's own checksum code.
      const bytes = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
    const columns = await query<{ c: string; type: string; len: number | null }>(
      `SELECT column_name AS c, data_type AS type, character_maximum_length AS len
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { c: "id", type: "character varying", len: 36 },
      { c: "checksum", type: "character varying", len: 64 },
      { c: "finished_at", type: "timestamp with time zone", len: null },
      { c: "migration_name", type: "character varying", len: 255 },
      { c: "logs", type: "text", len: null },
      { c: "rolled_back_at", type: "timestamp with time zone", len: null },
      { c: "started_at", type: "timestamp with time zone", len: null },
      { c: "applied_steps_count", type: "integer", len: null },
    ]);
  });

  it("applies nothing on a second run", async () => {
    expect(await applyMigrations(target.url)).toEqual([]);
  });

  it("refuses to run when an applied migration's file was changed", async () => {
    const dir = await scratchCopy();
    const [first] = await listMigrations(dir);
    await appendFile(first!.sqlPath, "\n-- edited after being applied\n");
    await addMigration(dir, "99990101000000_never_applied", `CREATE TABLE "never_applied" (x int);`);
    const error = await applyMigrations(target.url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: "CHECKSUM_MISMATCH", migrationName: first!.name });
    expect((error as Error).message).toMatch(new RegExp(`^Migration "${first!.name}" was modified after it was applied`));
    expect(await query(`SELECT to_regclass('"never_applied"') AS t`)).toEqual([{ t: null }]);
  });

  it("accepts the same file with CRLF line endings, as Prisma does", async () => {
    const dir = await scratchCopy();
    const [first] = await listMigrations(dir);
    await writeFile(first!.sqlPath, first!.script.replace(/\n/g, "\r\n"));
    expect(await applyMigrations(target.url, { migrationsDir: dir })).toEqual([]);
  });

  it("refuses to run while a previous migration is marked failed", async () => {
    const [first] = await listMigrations(MIGRATIONS_DIR);
    const id = randomBytes(16).toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
    // What prisma migrate deploy leaves after a script error: finished_at NULL, not rolled back.
    await query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs) VALUES ($1, $2, $3, 'boom')`, [
      id,
      first!.checksum,
      "20000101000000_failed_elsewhere",
    ]);
    try {
      const error = await applyMigrations(target.url).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "FAILED_MIGRATION", migrationName: "20000101000000_failed_elsewhere" });
      expect((error as Error).message).toMatch(/^Migration "20000101000000_failed_elsewhere" failed earlier/);
    } finally {
      await query(`DELETE FROM "_prisma_migrations" WHERE id = $1`, [id]);
    }
  });

  it("rolls a failing migration back completely and records the attempt as rolled back", async () => {
    const dir = await scratchCopy();
    const name = "99990101000000_fails_halfway";
    await addMigration(dir, name, `CREATE TABLE "half_done" (x int);\nSELECT 1 / 0;\n`);
    const error = await applyMigrations(target.url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MIGRATION_FAILED", migrationName: name });
    expect((error as Error).message).toMatch(/division by zero/);
    expect(await query(`SELECT to_regclass('"half_done"') AS t`)).toEqual([{ t: null }]);
    const [row] = await query<{ finished_at: Date | null; rolled_back_at: Date | null; logs: string }>(
      `SELECT finished_at, rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = $1`,
      [name],
    );
    expect(row).toMatchObject({ finished_at: null, logs: expect.stringMatching(/division by zero/) });
    expect(row!.rolled_back_at).toBeInstanceOf(Date);

    // Fixed file: the rolled-back attempt does not block the retry.
    await writeFile(path.join(dir, name, "migration.sql"), `CREATE TABLE "half_done" (x int);\n`);
    expect(await applyMigrations(target.url, { migrationsDir: dir })).toEqual([name]);
    await query(`DROP TABLE "half_done"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
  });

  it("keeps a migration with Prisma's own BEGIN/COMMIT (an enum rebuild) in one transaction: a later failure undoes all of it", async () => {
    const dir = await scratchCopy();
    const name = "99990102000000_enum_then_fails";
    const script = [
      "-- AlterEnum",
      "BEGIN;",
      `CREATE TYPE "ProbeStatus" AS ENUM ('A', 'B');`,
      "COMMIT;",
      "",
      `CREATE TABLE "enum_probe" (s "ProbeStatus");`,
      "SELECT 1 / 0;",
      "",
    ].join("\n");
    await addMigration(dir, name, script);
    const error = await applyMigrations(target.url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MIGRATION_FAILED", migrationName: name });
    // Nothing of it stayed: neither the enum made before its COMMIT nor the table after.
    expect(await query(`SELECT to_regtype('"ProbeStatus"')::text AS t, to_regclass('"enum_probe"')::text AS c`)).toEqual([{ t: null, c: null }]);
    const rows = await query<{ finished_at: Date | null; rolled_back_at: Date | null }>(
      `SELECT finished_at, rolled_back_at FROM "_prisma_migrations" WHERE migration_name = $1`,
      [name],
    );
    expect(rows).toEqual([{ finished_at: null, rolled_back_at: expect.any(Date) }]);

    // Fixed, it applies whole, recorded with the file's own checksum.
    const fixed = script.replace("SELECT 1 / 0;\n", "");
    await writeFile(path.join(dir, name, "migration.sql"), fixed);
    expect(await applyMigrations(target.url, { migrationsDir: dir })).toEqual([name]);
    expect(await query(`SELECT to_regtype('"ProbeStatus"')::text AS t`)).toEqual([{ t: '"ProbeStatus"' }]);
    const [done] = await query<{ checksum: string }>(`SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL`, [name]);
    expect(done!.checksum).toBe(createHash("sha256").update(fixed).digest("hex"));
    await query(`DROP TABLE "enum_probe"; DROP TYPE "ProbeStatus"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
  });

  it("runs a `-- frontdesk:no-transaction` migration outside a transaction, statement by statement", async () => {
    const dir = await scratchCopy();
    const name = "99990103000000_index_concurrently";
    const script = [
      "-- frontdesk:no-transaction",
      `CREATE TABLE "concurrently_probe" (x int, note text DEFAULT 'a;b');`,
      `INSERT INTO "concurrently_probe" (x) SELECT generate_series(1, 100);`,
      `CREATE INDEX CONCURRENTLY "concurrently_probe_x_idx" ON "concurrently_probe" (x);`,
      "",
    ].join("\n");
    await addMigration(dir, name, script);
    expect(await applyMigrations(target.url, { migrationsDir: dir })).toEqual([name]);
    expect(await query(`SELECT indexname FROM pg_indexes WHERE tablename = 'concurrently_probe'`)).toEqual([
      { indexname: "concurrently_probe_x_idx" },
    ]);
    const rows = await query<{ checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }>(
      `SELECT checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" WHERE migration_name = $1`,
      [name],
    );
    expect(rows).toEqual([
      { checksum: createHash("sha256").update(script).digest("hex"), finished_at: expect.any(Date), rolled_back_at: null, applied_steps_count: 1 },
    ]);
    expect(await applyMigrations(target.url, { migrationsDir: dir })).toEqual([]);
    await query(`DROP TABLE "concurrently_probe"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
  });

  it("leaves a failed no-transaction migration recorded as failed, so the next run stops for a repair", async () => {
    const dir = await scratchCopy();
    const name = "99990104000000_no_tx_fails";
    await addMigration(dir, name, `-- frontdesk:no-transaction\nCREATE TABLE "no_tx_first" (x int);\nSELECT 1 / 0;\n`);
    const error = await applyMigrations(target.url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MIGRATION_FAILED", migrationName: name });
    expect((error as Error).message).toMatch(/statement 2 of 2 failed: division by zero/);
    // Statement 1 committed on its own and stays: nothing can roll it back.
    expect(await query(`SELECT to_regclass('"no_tx_first"')::text AS t`)).toEqual([{ t: "no_tx_first" }]);
    expect(
      await query(`SELECT finished_at, rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = $1`, [name]),
    ).toEqual([{ finished_at: null, rolled_back_at: null, logs: expect.stringMatching(/statement 2 of 2/) }]);
    await expect(applyMigrations(target.url, { migrationsDir: dir })).rejects.toMatchObject({ code: "FAILED_MIGRATION" });
    await query(`DROP TABLE "no_tx_first"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
  });

  it("lets only one of two simultaneous runners apply a migration", async () => {
    const dir = await scratchCopy();
    const name = "99990102000000_concurrent";
    await addMigration(dir, name, `CREATE TABLE "concurrent_probe" (x int);\nSELECT pg_sleep(0.3);\n`);
    const results = await Promise.all([
      applyMigrations(target.url, { migrationsDir: dir }),
      applyMigrations(target.url, { migrationsDir: dir }),
    ]);
    expect(results.flat()).toEqual([name]);
    expect(await query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = $1`, [name])).toEqual([{ n: 1 }]);
    await query(`DROP TABLE "concurrent_probe"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${name}'`);
  });

  it("fills KnowledgeChunk.tsv from heading and text on insert (generated column, heading weighted A)", async () => {
    const suffix = randomBytes(4).toString("hex");
    await query(`INSERT INTO "Tenant" (id, name, slug, "updatedAt") VALUES ($1, 'Acme Dental', $2, now())`, [`t_${suffix}`, `acme-${suffix}`]);
    await query(
      `INSERT INTO "KnowledgeDocument" (id, "tenantId", title, source, "updatedAt") VALUES ($1, $2, 'Opening hours', 'TEXT', now())`,
      [`d_${suffix}`, `t_${suffix}`],
    );
    await query(
      `INSERT INTO "KnowledgeChunk" (id, "tenantId", "documentId", ordinal, text, "tokenCount")
       VALUES ($1, $2, $3, 0, 'The clinic is opened on Saturdays for emergency appointments', 9)`,
      [`c_${suffix}`, `t_${suffix}`, `d_${suffix}`],
    );
    const [chunk] = await query<{ tsv: string; hit: boolean }>(
      `SELECT tsv::text AS tsv, tsv @@ plainto_tsquery('english', 'saturday appointment') AS hit FROM "KnowledgeChunk" WHERE id = $1`,
      [`c_${suffix}`],
    );
    expect(chunk!.tsv).toContain("'saturday'");
    expect(chunk!.hit).toBe(true);
    // And it is maintained, not just set once.
    await query(`UPDATE "KnowledgeChunk" SET text = 'Closed on Sundays' WHERE id = $1`, [`c_${suffix}`]);
    const [updated] = await query<{ tsv: string }>(`SELECT tsv::text AS tsv FROM "KnowledgeChunk" WHERE id = $1`, [`c_${suffix}`]);
    expect(updated!.tsv).toBe("'close':1B 'sunday':3B");
    // The heading's words carry weight A, in the row's own text-search configuration.
    await query(`UPDATE "KnowledgeChunk" SET heading = 'Horarios', "tsConfig" = 'spanish' WHERE id = $1`, [`c_${suffix}`]);
    const [spanish] = await query<{ tsv: string }>(`SELECT tsv::text AS tsv FROM "KnowledgeChunk" WHERE id = $1`, [`c_${suffix}`]);
    expect(spanish!.tsv).toContain("'horari':1A");
    await query(`DELETE FROM "Tenant" WHERE id = $1`, [`t_${suffix}`]);
  });

  it("adds the pgvector column and HNSW index only where the server has pgvector", async () => {
    const columns = await query(
      `SELECT udt_name FROM information_schema.columns WHERE table_name = 'KnowledgeChunk' AND column_name = 'embeddingVec'`,
    );
    const indexes = await query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'KnowledgeChunk_embeddingVec_idx'`);
    if (target.hasVector) {
      expect(columns).toEqual([{ udt_name: "vector" }]);
      expect(indexes).toEqual([{ indexdef: expect.stringMatching(/USING hnsw \("embeddingVec" vector_cosine_ops\)/) }]);
    } else {
      expect(await query(`SELECT name FROM pg_available_extensions WHERE name = 'vector'`)).toEqual([]);
      expect(columns).toEqual([]);
      expect(indexes).toEqual([]);
    }
  });
});

describe("inOneTransaction", () => {
  const run = (script: string) => inOneTransaction({ name: "20000101000000_probe", script });

  it("drops the migration's own transaction statements, comments and case aside, and keeps every other statement", () => {
    const script = "-- AlterEnum\nBEGIN;\nCREATE TYPE \"S\" AS ENUM ('A');\n/* done */ commit work;\nstart transaction;\nALTER TABLE t ADD c int;\nEND;\n";
    expect(run(script)).toBe(`CREATE TYPE "S" AS ENUM ('A');\nALTER TABLE t ADD c int;\n`);
  });

  it("leaves a script without them exactly as written, BEGIN and END inside a function body included", () => {
    const script = "DO $$ BEGIN\n  PERFORM 1;\nEND $$;\nCREATE TABLE x (note text DEFAULT 'BEGIN;');\n";
    expect(run(script)).toBe(script);
  });

  it("refuses a ROLLBACK with a stable code", () => {
    expect(() => run("CREATE TABLE x (a int);\nROLLBACK;\n")).toThrow(MigrationError);
    expect(() => run("CREATE TABLE x (a int);\nROLLBACK;\n")).toThrow(/contains a ROLLBACK/);
  });
});
