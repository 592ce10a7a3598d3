// The prune job on a throwaway PostgreSQL database with the real migrations applied, run both
// directly and through the worker's job registration on the in-process queue.
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client";
import { applyMigrations } from "../../db/migrations/apply";
import { LocalQueue } from "../../test/local-queue";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../test/throwaway-postgres";
import { registerJobs } from "../register-jobs";
import { pruneAuthThrottle } from "./prune-auth-throttle";

let throwaway: ThrowawayDatabase;
let db: Db;

const NOW = new Date("2026-06-01T12:00:00.000Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const hoursAhead = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

async function insert(key: string, updatedAt: Date, lockedUntil: Date | null): Promise<void> {
  await db.$executeRaw`INSERT INTO "AuthThrottle" ("key", "failures", "windowStart", "lockedUntil", "updatedAt")
    VALUES (${key}, 3, ${updatedAt}, ${lockedUntil}, ${updatedAt})`;
}

async function keys(): Promise<string[]> {
  const rows = await db.authThrottle.findMany({ select: { key: true }, orderBy: { key: "asc" } });
  return rows.map((r) => r.key);
}

beforeAll(async () => {
  throwaway = await createThrowawayDatabase("prune");
  await applyMigrations(throwaway.url);
  db = createDb(throwaway.url, { max: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await throwaway?.drop();
});

beforeEach(async () => {
  await db.authThrottle.deleteMany({});
  await insert("old-unlocked", hoursAgo(25), null);
  await insert("old-lock-expired", hoursAgo(30), hoursAgo(29));
  await insert("old-but-locked", hoursAgo(25), hoursAhead(1));
  await insert("recent", hoursAgo(23), null);
});

describe("pruneAuthThrottle", () => {
  it("deletes rows older than the cutoff whose lock is absent or expired, and nothing else", async () => {
    expect(await pruneAuthThrottle(db, { olderThanHours: 24, now: NOW })).toBe(2);
    expect(await keys()).toEqual(["old-but-locked", "recent"]);
    expect(await pruneAuthThrottle(db, { olderThanHours: 24, now: NOW })).toBe(0);
  });

  it("deletes rate-limit buckets whose window has ended (none lasts over an hour), and keeps live ones", async () => {
    await db.rateLimitBucket.deleteMany({});
    for (const [key, updatedAt] of [["login:ip:old", hoursAgo(1.5)], ["signup:ip:live", hoursAgo(0.5)]] as const) {
      await db.$executeRaw`INSERT INTO "RateLimitBucket" ("key", "count", "windowStart", "updatedAt") VALUES (${key}, 3, ${updatedAt}, ${updatedAt})`;
    }
    await db.authThrottle.deleteMany({});
    expect(await pruneAuthThrottle(db, { olderThanHours: 24, now: NOW })).toBe(1);
    expect((await db.rateLimitBucket.findMany()).map((b) => b.key)).toEqual(["signup:ip:live"]);
  });

  it("runs as the scheduled maintenance.prune-auth-throttle job", async () => {
    // The job runs on the real clock, so these rows are placed relative to the current time.
    await db.authThrottle.deleteMany({});
    const now = new Date();
    await insert("stale", new Date(now.getTime() - 48 * 3_600_000), null);
    await insert("locked", new Date(now.getTime() - 48 * 3_600_000), new Date(now.getTime() + 3_600_000));
    await insert("fresh", new Date(now.getTime() - 3_600_000), null);
    const queue = new LocalQueue();
    try {
      await registerJobs(queue, { db, logger: pino({ level: "silent" }) });
      // The schedule's first run is due immediately.
      const deadline = Date.now() + 10_000;
      while ((await keys()).includes("stale")) {
        if (Date.now() > deadline) throw new Error("the scheduled prune did not run");
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await keys()).toEqual(["fresh", "locked"]);
    } finally {
      await queue.close();
    }
  });
});
