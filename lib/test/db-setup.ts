// Runs in each db-test worker before the test files: points the process-wide Prisma client at the
// project's database, and disconnects it at the end.
import { afterAll, inject } from "vitest";
import { createDb, setDb } from "../db/client";

process.env.DATABASE_URL = inject("databaseUrl");
const db = createDb(inject("databaseUrl"), { max: 5 });
setDb(db);

afterAll(async () => {
  await db.$disconnect();
  setDb(undefined);
});
