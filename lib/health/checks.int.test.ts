// checkDatabase against a throwaway database on the real PostgreSQL (127.0.0.1:5432, or
// TEST_POSTGRES_URL), with migration directories made for the test; checkRedis against real Redis.
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { applyMigrations } from "../db/migrations/apply";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../test/throwaway-postgres";
import { checkDatabase, checkRedis } from "./checks";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
let throwaway: ThrowawayDatabase;
let dbUrl: string;

let db: Db;
let dir: string;

async function addMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

beforeAll(async () => {
  throwaway = await createThrowawayDatabase("health");
  dbUrl = throwaway.url;
  db = createDb(dbUrl, { max: 2 });
  // Connected before the checks time themselves: on a loaded 2-core machine a first connect alone
  // outran the check's time limit, which is about the check, not about opening a pool.
  await db.$queryRaw`SELECT 1`;
  dir = await mkdtemp(path.join(tmpdir(), "frontdesk-health-"));
});

afterAll(async () => {
  await db?.$disconnect();
  await throwaway?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("checkDatabase on PostgreSQL", () => {
  it("is ok with no migrations on disk and none recorded", async () => {
    const result = await checkDatabase({ db, migrationsDir: path.join(dir, "absent") });
    expect(result).toMatchObject({ status: "ok", migrations: { applied: 0, pending: [] } });
    expect(result.latencyMs).toBeLessThan(2000);
  });

  it("is degraded, naming them, while migrations on disk are not applied (no _prisma_migrations yet)", async () => {
    await addMigration("20260101000000_init", `CREATE TABLE "Thing" ("id" TEXT PRIMARY KEY);`);
    const result = await checkDatabase({ db, migrationsDir: dir });
    expect(result).toMatchObject({
      status: "degraded",
      error: "1 migration(s) not applied: 20260101000000_init",
      migrations: { applied: 0, pending: ["20260101000000_init"] },
    });
  });

  it("is ok once they are applied, and degraded again when a new one appears", async () => {
    await applyMigrations(dbUrl, { migrationsDir: dir });
    expect(await checkDatabase({ db, migrationsDir: dir })).toMatchObject({
      status: "ok",
      migrations: { applied: 1, pending: [] },
    });
    await addMigration("20260102000000_more", `ALTER TABLE "Thing" ADD COLUMN "name" TEXT;`);
    expect(await checkDatabase({ db, migrationsDir: dir })).toMatchObject({
      status: "degraded",
      migrations: { applied: 1, pending: ["20260102000000_more"] },
    });
  });

  it("ignores a rolled-back attempt: that migration still counts as pending", async () => {
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count)
         VALUES ($1, 'x', '20260102000000_more', now(), now(), now(), 0)`,
        [randomUUID()],
      );
    } finally {
      await client.end();
    }
    expect((await checkDatabase({ db, migrationsDir: dir })).migrations?.pending).toEqual(["20260102000000_more"]);
  });
});

describe("checkRedis on Redis", () => {
  it("PINGs the server", async () => {
    const result = await checkRedis({ url: REDIS_URL });
    expect(result.status).toBe("ok");
    expect(result.mode).toBe("external");
    expect(result.latencyMs).toBeLessThan(2000);
  });
});
