// Creates the database one test project runs on, and removes it afterwards:
//   postgres: a uniquely named database on the PostgreSQL at TEST_POSTGRES_URL (default 127.0.0.1:5432)
//   pglite:   an in-memory embedded PGlite served over the PostgreSQL wire protocol on a free port
// Migrations are applied with the same runner `npm run db:migrate` uses.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { applyMigrations } from "../db/migrations/apply";
import { startEmbeddedDatabase } from "../db/embedded";
import { freePort } from "./free-port";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB_KIND ?? project.config.env?.TEST_DB_KIND;
  if (kind === "pglite") {
    const db = await startEmbeddedDatabase({ dataDir: "memory://", port: await freePort() });
    await applyMigrations(db.url);
    project.provide("databaseUrl", db.url);
    return async () => db.stop();
  }
  const name = `frontdesk_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  project.provide("databaseUrl", url.toString());
  return async () => {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
}
