// Applies prisma/migrations/<name>/migration.sql files, keeping Prisma's own `_prisma_migrations`
// table exactly as `prisma migrate deploy` does, so either tool can take over from the other.
//
// Why not `prisma migrate deploy`: it needs the native schema engine, which the CLI downloads and
// cannot here. Why not the wasm engine's applyMigrations: it only talks to a database through a
// driver adapter, and this runner must also work against the embedded PGlite served over TCP, with
// nothing heavier than `pg`.
//
// Each migration runs in one transaction: it applies whole or not at all. A migration whose first
// line is `-- frontdesk:no-transaction` opts out (for statements PostgreSQL refuses inside a
// transaction, such as CREATE INDEX CONCURRENTLY): its statements then run one by one, each committed
// on its own, and a failure part-way leaves the ones before it applied. That attempt is recorded as
// failed and not rolled back (finished_at and rolled_back_at NULL), as `prisma migrate deploy`
// records any failure, so the next run refuses until someone repairs the database (e.g. drops the
// INVALID index a failed CONCURRENTLY leaves) and resolves the row. Keep such migrations to the
// statements that need it.
import { createHash, randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { splitStatements, stripComments } from "./split-statements";

/** The advisory lock key Prisma Migrate uses; sharing it makes this runner and Prisma exclude each other. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Prisma's DDL for its bookkeeping table, verbatim, so `prisma migrate` finds what it expects.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  /** Directory name, e.g. `20250101120000_init`; also the `migration_name` in `_prisma_migrations`. */
  name: string;
  sqlPath: string;
  script: string;
  /** sha256 hex of the file, as Prisma stores it. */
  checksum: string;
}

export type MigrationErrorCode = "CHECKSUM_MISMATCH" | "FAILED_MIGRATION" | "MIGRATION_FAILED" | "LOCK_TIMEOUT";

/** Every refusal carries a stable `code` and a message that starts the same way each time. */
export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migrationName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export interface ApplyOptions {
  /** Defaults to `prisma/migrations` under the working directory (npm scripts run from the repo root). */
  migrationsDir?: string;
  log?: (message: string) => void;
  /** How long to wait for another migrator holding the lock. Default 60 s. */
  lockTimeoutMs?: number;
}

export const DEFAULT_MIGRATIONS_DIR = "prisma/migrations";

/** First line of a migration.sql that must run outside a transaction (see the header). */
export const NO_TRANSACTION_MARKER = "-- frontdesk:no-transaction";

export function runsOutsideTransaction(script: string): boolean {
  return script.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0]!.trim() === NO_TRANSACTION_MARKER;
}

export function checksumOf(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Same acceptance rule as Prisma's engine: Git may have rewritten line endings, and early Prisma
 * versions stored the hex digest without zero-padding each byte.
 */
export function checksumMatches(script: string, stored: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\r?\n/g, "\r\n")];
  return variants.some((v) => {
    const digest = createHash("sha256").update(v, "utf8").digest();
    const rendered =
      stored.length === 64 ? digest.toString("hex") : [...digest].map((b) => b.toString(16)).join("");
    return rendered === stored;
  });
}

/** The migrations in `dir`, in the order Prisma applies them (directory name order). */
export async function listMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  const names = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sqlPath = path.join(dir, name, "migration.sql");
      const script = await readFile(sqlPath, "utf8").catch((err: NodeJS.ErrnoException) => {
        // A half-created migration directory must not be silently skipped: later ones depend on it.
        if (err.code === "ENOENT") throw new Error(`Migration directory ${name} has no migration.sql`);
        throw err;
      });
      return { name, sqlPath, script, checksum: checksumOf(script) };
    }),
  );
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function acquireLock(client: pg.Client, timeoutMs: number): Promise<void> {
  // pg_try_advisory_lock in a loop rather than pg_advisory_lock: a blocked session cannot time out
  // on its own, and a stuck peer should produce an error, not a hang.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      PRISMA_MIGRATE_LOCK_KEY,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        "LOCK_TIMEOUT",
        `Timed out after ${timeoutMs} ms waiting for the migration lock (pg advisory lock ${PRISMA_MIGRATE_LOCK_KEY}); another migrator is running or a stale session holds it`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Refuses to continue over a history that Prisma would also refuse. */
function checkHistory(local: MigrationFile[], rows: MigrationRow[], log: (m: string) => void): Set<string> {
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      "FAILED_MIGRATION",
      `Migration "${failed.migration_name}" failed earlier (finished_at is null, not rolled back); ` +
        `repair the database, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() ` +
        `WHERE migration_name = '${failed.migration_name}' AND finished_at IS NULL) or applied, and run again`,
      failed.migration_name,
    );
  }
  const applied = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of applied) {
    const file = byName.get(row.migration_name);
    if (!file) {
      log(`warning: migration ${row.migration_name} is applied to the database but missing from the migrations directory`);
    } else if (!checksumMatches(file.script, row.checksum)) {
      throw new MigrationError(
        "CHECKSUM_MISMATCH",
        `Migration "${row.migration_name}" was modified after it was applied (checksum ${file.checksum} != recorded ${row.checksum}); ` +
          `restore the original file and put the change in a new migration`,
        row.migration_name,
      );
    }
  }
  return new Set(applied.map((r) => r.migration_name));
}

// BEGIN / START TRANSACTION / COMMIT / END as a statement of its own (comments aside).
const TRANSACTION_CONTROL = /^(BEGIN|START\s+TRANSACTION|COMMIT|END)(\s+(WORK|TRANSACTION))?$/i;
const ROLLBACK = /^(ROLLBACK|ABORT)\b/i;

/**
 * The script to run inside applyOne's transaction. Prisma writes `BEGIN; ... COMMIT;` around the
 * statements that rebuild an enum; inside our transaction that COMMIT would commit the migration's
 * first half with its "started" row and run the rest outside any transaction (PostgreSQL only warns),
 * so a later failure could no longer be rolled back. Such statements are dropped: the whole migration
 * is one transaction anyway. A ROLLBACK in a migration is refused. The checksum stays that of the file.
 */
export function inOneTransaction(m: Pick<MigrationFile, "name" | "script">): string {
  const statements = splitStatements(m.script).map((sql) => ({ sql, bare: stripComments(sql).trim().replace(/\s+/g, " ") }));
  if (statements.some((st) => ROLLBACK.test(st.bare))) {
    throw new MigrationError("MIGRATION_FAILED", `Migration "${m.name}" contains a ROLLBACK: a migration runs as one transaction and cannot end it itself`, m.name);
  }
  const kept = statements.filter((st) => !TRANSACTION_CONTROL.test(st.bare));
  return kept.length === statements.length ? m.script : kept.map((st) => `${st.sql};\n`).join("");
}

/**
 * Applies one migration in its own transaction. Returns false if another process applied it first
 * (possible on the embedded PGlite: every socket connection shares its one backend session, so the
 * advisory lock does not exclude them, but its server runs a transaction exclusively).
 */
async function applyOne(client: pg.Client, m: MigrationFile): Promise<boolean> {
  await client.query("BEGIN");
  try {
    const { rowCount } = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [m.name],
    );
    if (rowCount) {
      await client.query("COMMIT");
      return false;
    }
    const id = randomUUID();
    await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())`, [
      id,
      m.checksum,
      m.name,
    ]);
    // No parameters: pg then uses the simple query protocol, which accepts a multi-statement script.
    await client.query(inOneTransaction(m));
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
    return true;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    const detail = err instanceof Error ? err.message : String(err);
    // The transaction left the schema untouched, so record the attempt as failed *and rolled back*:
    // an audit trail Prisma also understands (what `prisma migrate resolve --rolled-back` writes),
    // which does not block the next run once the file is fixed.
    await client
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, now(), now(), 0)`,
        [randomUUID(), m.checksum, m.name, detail],
      )
      .catch(() => undefined);
    throw new MigrationError("MIGRATION_FAILED", `Migration "${m.name}" failed and was rolled back: ${detail}`, m.name, {
      cause: err,
    });
  }
}

/**
 * Applies a `-- frontdesk:no-transaction` migration statement by statement. The check and the
 * "started" row are one transaction: on the embedded PGlite (one shared session, so the advisory
 * lock excludes nothing) a second runner then sees the row and leaves the migration to the first.
 */
async function applyOutsideTransaction(client: pg.Client, m: MigrationFile): Promise<boolean> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    const { rowCount } = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`,
      [m.name],
    );
    if (rowCount) {
      await client.query("COMMIT");
      return false;
    }
    await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())`, [
      id,
      m.checksum,
      m.name,
    ]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
  const statements = splitStatements(m.script);
  for (const [i, statement] of statements.entries()) {
    try {
      await client.query(statement);
    } catch (err) {
      const detail = `statement ${i + 1} of ${statements.length} failed: ${err instanceof Error ? err.message : String(err)}`;
      await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, detail]).catch(() => undefined);
      throw new MigrationError(
        "MIGRATION_FAILED",
        `Migration "${m.name}" runs outside a transaction and ${detail}. The ${i} statement(s) before it stay applied: ` +
          `repair the database, then mark the migration rolled back or applied in "_prisma_migrations" (its row has finished_at NULL), and run again`,
        m.name,
        { cause: err },
      );
    }
  }
  await client.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
  return true;
}

/** Applies pending migrations in order; returns the names it applied (empty when up to date). */
export async function applyMigrations(connectionString: string, opts: ApplyOptions = {}): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const local = await listMigrations(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString });
  // Without a listener, a server-side disconnect would crash the process instead of failing the query.
  client.on("error", (err) => log(`database connection error: ${err.message}`));
  // Surface warnings a migration raises on purpose (e.g. pgvector available but not creatable), but
  // not the NOTICE chatter of IF NOT EXISTS.
  client.on("notice", (n) => {
    if (n.severity === "WARNING") log(`warning: ${n.message}`);
  });
  await client.connect();
  try {
    await acquireLock(client, opts.lockTimeoutMs ?? 60_000);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<MigrationRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const applied = checkHistory(local, rows, log);
      const pending = local.filter((m) => !applied.has(m.name));
      const done: string[] = [];
      for (const m of pending) {
        const started = Date.now();
        if (await (runsOutsideTransaction(m.script) ? applyOutsideTransaction(client, m) : applyOne(client, m))) {
          log(`applied ${m.name} (${Date.now() - started} ms)`);
          done.push(m.name);
        }
      }
      if (done.length === 0) log("no pending migrations");
      return done;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
