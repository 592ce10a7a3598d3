// Many connections, one PGlite: concurrent Prisma reads with relations and interactive transactions
// must each get their own results (regression: interleaved extended-protocol messages).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "./client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";
import { applyMigrations } from "./migrations/apply";

let embedded: EmbeddedDatabase;
let dbs: Db[];

beforeAll(async () => {
  embedded = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
  await applyMigrations(embedded.url);
  dbs = [createDb(embedded.url, { max: 4 }), createDb(embedded.url, { max: 4 })];
});

afterAll(async () => {
  await Promise.all(dbs.map((d) => d.$disconnect()));
  await embedded.stop();
});

describe("embedded database under concurrency", () => {
  it("keeps every connection's statements and results apart", async () => {
    const tenants = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        dbs[0]!.tenant.create({
          data: {
            name: `T${i}`,
            slug: `wire-t${i}`,
            memberships: { create: { role: "ADMIN", user: { create: { email: `u${i}@wire.test`, name: `U${i}`, passwordHash: "x" } } } },
          },
          include: { memberships: true },
        }),
      ),
    );
    const rounds = Array.from({ length: 60 }, async (_, n) => {
      const t = tenants[n % tenants.length]!;
      const db = dbs[n % 2]!;
      const m = t.memberships[0]!;
      if (n % 3 === 0) {
        // Interactive transaction: a read, then a write that depends on it.
        return db.$transaction(async (tx) => {
          const count = await tx.agent.count({ where: { tenantId: t.id } });
          await tx.agent.create({ data: { tenantId: t.id, name: `A${count}`, greeting: "hi", systemPrompt: "p", businessHours: {} } });
          return { kind: "tx" as const, ok: true };
          // Generous: twenty transactions take turns on one backend, and Prisma's 2 s default wait for
          // a turn fails this correctness test on a loaded machine (it did at load 17 on 2 cores).
        }, { maxWait: 60_000, timeout: 60_000 });
      }
      const found = await db.membership.findUnique({
        where: { tenantId_userId: { tenantId: t.id, userId: m.userId } },
        include: { user: { select: { email: true } }, tenant: { select: { slug: true, status: true } } },
      });
      return { kind: "read" as const, ok: found?.tenant.slug === t.slug && found.user.email === `u${tenants.indexOf(t)}@wire.test` };
    });
    const results = await Promise.all(rounds);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Transactions were serialised: each tenant's agents were numbered 0..k-1 without duplicates.
    for (const t of tenants) {
      const names = (await dbs[0]!.agent.findMany({ where: { tenantId: t.id }, select: { name: true } })).map((a) => a.name).sort();
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
