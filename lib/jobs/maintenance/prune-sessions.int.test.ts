// Ended sessions are pruned after the keep period; live ones (and recently ended ones) stay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client";
import { applyMigrations } from "../../db/migrations/apply";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../test/throwaway-postgres";
import { pruneEndedSessions } from "./prune-sessions";

let throwaway: ThrowawayDatabase;
let db: Db;
const NOW = new Date("2026-06-01T12:00:00.000Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

beforeAll(async () => {
  throwaway = await createThrowawayDatabase("prune_sessions");
  await applyMigrations(throwaway.url);
  db = createDb(throwaway.url, { max: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await throwaway?.drop();
});

describe("pruneEndedSessions", () => {
  it("deletes sessions expired or revoked before the keep period, and nothing else", async () => {
    const user = await db.user.create({ data: { email: "prune@example.test", name: "P", passwordHash: "x" } });
    const make = (id: string, expiresAt: Date, revokedAt: Date | null = null) =>
      db.userSession.create({ data: { id, userId: user.id, expiresAt, revokedAt } });
    await make("live", daysAgo(-20));
    await make("expired-long-ago", daysAgo(8));
    await make("expired-recently", daysAgo(2));
    await make("revoked-long-ago", daysAgo(-20), daysAgo(10));
    await make("revoked-recently", daysAgo(-20), daysAgo(1));

    expect(await pruneEndedSessions(db, { keepDays: 7, now: NOW })).toBe(2);
    const left = (await db.userSession.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);
    expect(left).toEqual(["expired-recently", "live", "revoked-recently"]);
  });
});
