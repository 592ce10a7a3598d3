// A uniquely named database on the test PostgreSQL server (TEST_POSTGRES_URL, default 127.0.0.1:5432),
// for tests that need a real server of their own. `drop()` removes it even with connections open.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type ThrowawayDatabase = { name: string; url: string; drop(): Promise<void> };

export async function createThrowawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const name = `frontdesk_${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A database of this name on the test server, created when missing and kept (benchmarks reuse their data). */
export async function ensureDatabase(name: string): Promise<{ name: string; url: string }> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}
