// Creates the database one test project runs on, and removes it afterwards:
//   postgres: a uniquely named database on the PostgreSQL at TEST_POSTGRES_URL (default 127.0.0.1:5432)
//   pglite:   an in-memory embedded PGlite served over the PostgreSQL wire protocol on a free port,
//             behind a random password that its URL carries (so the suite goes through SCRAM too)
// Migrations are applied with the same runner `npm run db:migrate` uses.
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../db/migrations/apply";
import { startEmbeddedDatabase } from "../db/embedded";
import { createThrowawayDatabase } from "./throwaway-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB_KIND ?? project.config.env?.TEST_DB_KIND;
  if (kind === "pglite") {
    const db = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
    await applyMigrations(db.url);
    project.provide("databaseUrl", db.url);
    return async () => db.stop();
  }
  const db = await createThrowawayDatabase("test");
  await applyMigrations(db.url);
  project.provide("databaseUrl", db.url);
  return () => db.drop();
}
