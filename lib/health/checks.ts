// Dependency checks shared by the app's /api/health, the voice server's and the worker's /health.
// Every check is bounded by a timeout and reports a failure as data, never by throwing.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Redis } from "ioredis";
import { getDb, type Db } from "../db/client";
import { getEnv } from "../env";

// "not_used": the dependency is not configured (e.g. no REDIS_URL): nothing to check, and not a failure.
export type CheckStatus = "ok" | "not_used" | "degraded" | "down";

export interface CheckResult {
  status: CheckStatus;
  latencyMs: number;
  error?: string;
}

export interface DatabaseCheck extends CheckResult {
  migrations?: { applied: number; pending: string[] };
}

export interface RedisCheck extends CheckResult {
  mode: "embedded" | "external";
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;

export class CheckTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = "CheckTimeoutError";
  }
}

export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(what, ms)), ms);
  });
  // The losing promise may still reject later; keep that from becoming an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface CheckDatabaseOptions {
  /** Default: the process-wide client, getDb(). */
  db?: Db;
  timeoutMs?: number;
  /** Directory of migrations expected to be applied. Default prisma/migrations under the cwd (as Next.js and npm scripts run). */
  migrationsDir?: string;
}

/** SELECT 1, then whether every migration on disk is recorded as applied in `_prisma_migrations`. */
export async function checkDatabase(opts: CheckDatabaseOptions = {}): Promise<DatabaseCheck> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const started = performance.now();
  try {
    const db = opts.db ?? getDb();
    return await withTimeout(inspectDatabase(db, opts.migrationsDir, started), timeoutMs, "The database");
  } catch (err) {
    return { status: "down", latencyMs: elapsed(started), error: describeError(err) };
  }
}

async function inspectDatabase(db: Db, migrationsDir: string | undefined, started: number): Promise<DatabaseCheck> {
  const [probe] = await db.$queryRaw<{ ok: number; tracked: boolean }[]>`
    SELECT 1 AS ok, to_regclass('_prisma_migrations') IS NOT NULL AS tracked`;
  const latencyMs = elapsed(started);
  const onDisk = await listMigrationNames(migrationsDir ?? path.join(process.cwd(), "prisma", "migrations"));
  const applied = new Set<string>();
  if (probe?.tracked) {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    for (const row of rows) applied.add(row.migration_name);
  }
  const pending = onDisk.filter((name) => !applied.has(name));
  const migrations = { applied: onDisk.length - pending.length, pending };
  if (pending.length > 0) {
    return {
      status: "degraded",
      latencyMs,
      error: `${pending.length} migration(s) not applied: ${pending.join(", ")}`,
      migrations,
    };
  }
  return { status: "ok", latencyMs, migrations };
}

/**
 * Migration directory names, as lib/db/migrations/apply.ts orders them (not its listMigrations: that
 * reads and hashes every file, and its dynamic path makes Next.js trace the whole project).
 */
async function listMigrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

export interface CheckRedisOptions {
  /** Default getEnv().REDIS_URL. Undefined: jobs queue in the database, the event bus is in-process. */
  url?: string | undefined;
  timeoutMs?: number;
}

/** PING over a short-lived connection (no retries: a health check must answer, not wait). */
export async function checkRedis(opts: CheckRedisOptions = {}): Promise<RedisCheck> {
  const url = "url" in opts ? opts.url : getEnv().REDIS_URL;
  if (!url) return { status: "not_used", mode: "embedded", latencyMs: 0 };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const started = performance.now();
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: "frontdesk-health",
  });
  let lastError: Error | undefined;
  client.on("error", (err: Error) => (lastError = err));
  try {
    await withTimeout(
      client.connect().then(() => client.ping()),
      timeoutMs,
      "Redis",
    );
    return { status: "ok", mode: "external", latencyMs: elapsed(started) };
  } catch (err) {
    // ioredis reports a refused connection as "Connection is closed"; the socket error says why.
    const reason = lastError && !(err instanceof CheckTimeoutError) ? lastError : err;
    return { status: "down", mode: "external", latencyMs: elapsed(started), error: describeError(reason) };
  } finally {
    client.disconnect();
  }
}

/** Milliseconds since `since` (a performance.now() reading), rounded. */
export function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

/** One line, no stack, no connection-string secrets. */
export function describeError(err: unknown): string {
  const e = err as { message?: unknown; cause?: unknown } | undefined;
  let message = (typeof e?.message === "string" && e.message ? e.message : String(err)).replace(/\s+/g, " ").trim();
  // Prisma wraps driver errors as "Invalid `prisma.$queryRaw()` invocation: ... Message: `<reason>`".
  const wrapped = /Message: `(.+)`$/.exec(message);
  if (wrapped?.[1]) message = wrapped[1];
  // Some clients wrap the socket error; its message (ECONNREFUSED, ...) is the useful part.
  const cause = e?.cause as { message?: unknown } | undefined;
  if (typeof cause?.message === "string" && cause.message && !message.includes(cause.message)) message = `${message}: ${cause.message}`;
  return message.replace(/(\w+:\/\/)([^:@/\s]+):([^@/\s]+)@/g, "$1$2:***@").slice(0, 500);
}
