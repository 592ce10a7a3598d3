// Creates the database one test project runs on (TEST_DB_KIND: "pglite", else a throwaway PostgreSQL
// database; see ./test-database.ts), migrated, and removes it afterwards.
import type { TestProject } from "vitest/node";
import { startTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB_KIND ?? project.config.env?.TEST_DB_KIND;
  const db = await startTestDatabase(kind === "pglite" ? "pglite" : "postgres", "test");
  project.provide("databaseUrl", db.url);
  return () => db.stop();
}
