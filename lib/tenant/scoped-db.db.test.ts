// scopedDb() against the real database: whatever the query, tenant A's client never reads, changes or
// creates tenant B's rows; a foreign id is "not found".
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { isAppError } from "../errors";
import { CrossTenantQueryError } from "./scope-args";
import type { TenantScope } from "./scope";
import { scopedDb } from "./scoped-db";

const agentData = (name: string) => ({ name, greeting: "Hello", systemPrompt: "Be helpful", businessHours: {} });

let scopeA: TenantScope;
let tenantB: string;
let agentA: string;
let agentB: string;

async function newTenant(name: string): Promise<string> {
  const slug = `${name.toLowerCase()}-${randomBytes(4).toString("hex")}`;
  return (await getDb().tenant.create({ data: { name, slug } })).id;
}

beforeAll(async () => {
  const tenantA = await newTenant("ScopeA");
  tenantB = await newTenant("ScopeB");
  scopeA = { tenantId: tenantA, role: "ADMIN", actor: { userId: "u" } };
  agentA = (await getDb().agent.create({ data: { ...agentData("A one"), tenantId: tenantA } })).id;
  agentB = (await getDb().agent.create({ data: { ...agentData("B one"), tenantId: tenantB } })).id;
  await getDb().phoneNumber.create({ data: { tenantId: tenantB, e164: `+1555${Date.now() % 10_000_000}`.padEnd(12, "7"), agentId: agentB } });
});

describe("scopedDb", () => {
  it("never returns another tenant's row, whichever read is used", async () => {
    const db = scopedDb(scopeA);
    expect(await db.agent.findUnique({ where: { id: agentB } })).toBeNull();
    expect(await db.agent.findFirst({ where: { id: agentB } })).toBeNull();
    expect((await db.agent.findMany()).map((a) => a.id)).toEqual([agentA]);
    expect(await db.agent.findMany({ where: { OR: [{ id: agentB }, { name: "B one" }] } })).toEqual([]);
    expect(await db.agent.count()).toBe(1);
    expect((await db.agent.aggregate({ _count: { _all: true } }))._count._all).toBe(1);
    expect(await db.agent.groupBy({ by: ["tenantId"], _count: { _all: true } })).toEqual([{ tenantId: scopeA.tenantId, _count: { _all: 1 } }]);
    expect(await db.phoneNumber.findMany()).toEqual([]);
    await expect(db.agent.findUniqueOrThrow({ where: { id: agentB } })).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
    await expect(db.agent.findFirstOrThrow({ where: { id: agentB } })).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
    // Its own workspace row only.
    expect(await db.tenant.findUnique({ where: { id: tenantB } }).catch((e) => e)).toBeInstanceOf(CrossTenantQueryError);
    expect((await db.tenant.findMany()).map((t) => t.id)).toEqual([scopeA.tenantId]);
  });

  it("creates rows in its own tenant and refuses a create naming another", async () => {
    const db = scopedDb(scopeA);
    const created = await db.agent.create({ data: agentData("Made through scope") });
    expect(created.tenantId).toBe(scopeA.tenantId);
    const foreign = { ...agentData("Smuggled"), tenantId: tenantB } as unknown as ReturnType<typeof agentData>;
    await expect(db.agent.create({ data: foreign })).rejects.toBeInstanceOf(CrossTenantQueryError);
    await expect(db.agent.createMany({ data: [agentData("ok"), foreign] })).rejects.toBeInstanceOf(CrossTenantQueryError);
    expect(await getDb().agent.count({ where: { tenantId: tenantB } })).toBe(1);
    await db.agent.delete({ where: { id: created.id } });
  });

  it("updates and deletes of another tenant's id affect nothing and say NOT_FOUND", async () => {
    const db = scopedDb(scopeA);
    const update = await db.agent.update({ where: { id: agentB }, data: { name: "hijacked" } }).catch((e) => e);
    expect(isAppError(update, "NOT_FOUND")).toBe(true);
    expect(update.message).toBe("Agent not found");
    expect(isAppError(await db.agent.delete({ where: { id: agentB } }).catch((e) => e), "NOT_FOUND")).toBe(true);
    expect(await db.agent.updateMany({ where: { id: agentB }, data: { name: "hijacked" } })).toEqual({ count: 0 });
    expect(await db.agent.deleteMany({ where: { id: agentB } })).toEqual({ count: 0 });
    expect(await db.agent.deleteMany({ where: { tenantId: undefined, name: "B one" } })).toEqual({ count: 0 });
    const upsert = db.agent.upsert({ where: { id: agentB }, create: agentData("Upserted"), update: { name: "hijacked" } });
    expect((await upsert).tenantId).toBe(scopeA.tenantId); // B's row is invisible, so a new A row is made
    const b = await getDb().agent.findUniqueOrThrow({ where: { id: agentB } });
    expect(b.name).toBe("B one");
  });

  it("scopes every query of a transaction, and rolls back with it", async () => {
    const db = scopedDb(scopeA);
    const seen = await db.$transaction(async (tx) => {
      await tx.agent.create({ data: agentData("In tx") });
      return { foreign: await tx.agent.findUnique({ where: { id: agentB } }), names: (await tx.agent.findMany()).map((a) => a.name) };
    });
    expect(seen.foreign).toBeNull();
    expect(seen.names).toContain("In tx");
    expect(seen.names).not.toContain("B one");

    const failed = await db
      .$transaction(async (tx) => {
        await tx.agent.create({ data: agentData("Rolled back") });
        await tx.agent.delete({ where: { id: agentB } });
      })
      .catch((e) => e);
    expect(isAppError(failed, "NOT_FOUND")).toBe(true);
    expect(await db.agent.count({ where: { name: "Rolled back" } })).toBe(0);
  });

  it("keeps platform tables out of reach", async () => {
    const db = scopedDb(scopeA);
    await expect(db.user.findMany()).rejects.toThrow(/platformDb/);
    await expect(db.tenant.delete({ where: { id: scopeA.tenantId } })).rejects.toBeInstanceOf(CrossTenantQueryError);
  });
});
