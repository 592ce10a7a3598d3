// The agents service called the way every domain service is: with a TenantScope, reads included;
// a user's scope and a system scope (voice server, worker) behave alike and are audited as who they are.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { isAppError } from "../errors";
import { listPhoneNumbers, getPhoneNumberOrThrow } from "../phone-numbers/service";
import { createTestTenant, validAgentInput, type TestTenant } from "../test/factories";
import { userScope, type TenantScope } from "../tenant/scope";
import { systemScope } from "../tenant/system-scope";
import { createAgent, deleteAgent, duplicateAgent, getAgentOrThrow, listAgents, updateAgent } from "./service";
import { agentCreateSchema } from "./schemas";

let a: TestTenant;
let b: TestTenant;
let scopeA: TenantScope;
let scopeB: TenantScope;

const input = (name: string) => agentCreateSchema.parse(validAgentInput({ name }));

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Service A"), createTestTenant("Service B")]);
  scopeA = userScope({ tenantId: a.tenant.id, role: "ADMIN", userId: a.admin.id });
  scopeB = userScope({ tenantId: b.tenant.id, role: "ADMIN", userId: b.admin.id });
});

describe("agents service", () => {
  it("reads with the scope: lists and gets only the scope's tenant's agents", async () => {
    const mine = await createAgent(scopeA, input("Mine"));
    const theirs = await createAgent(scopeB, input("Theirs"));
    const listed = (await listAgents(scopeA)).map((x) => x.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    expect((await getAgentOrThrow(scopeA, mine.id)).name).toBe("Mine");
    await expect(getAgentOrThrow(scopeA, theirs.id)).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
    expect(await listPhoneNumbers(scopeA)).toEqual([]);
    await expect(getPhoneNumberOrThrow(scopeA, "nope")).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
  });

  it("answers NOT_FOUND for another tenant's id on update, delete and duplicate, changing nothing", async () => {
    const theirs = await createAgent(scopeB, input("Untouchable"));
    for (const attempt of [
      () => updateAgent(scopeA, theirs.id, { name: "hijacked" }),
      () => deleteAgent(scopeA, theirs.id),
      () => duplicateAgent(scopeA, theirs.id),
    ]) {
      const err = await attempt().catch((e: unknown) => e);
      expect(isAppError(err, "NOT_FOUND")).toBe(true);
      expect((err as Error).message).toBe("Agent not found");
    }
    expect((await getAgentOrThrow(scopeB, theirs.id)).name).toBe("Untouchable");
    expect(await getDb().agent.count({ where: { tenantId: a.tenant.id, name: { startsWith: "Untouchable" } } })).toBe(0);
  });

  it("acts for a tenant under a system scope, audited with the system's reason instead of a user", async () => {
    const scope = systemScope(a.tenant.id, { reason: "worker:import-agents" });
    expect(scope.actor).toEqual({ system: "worker:import-agents" });
    const agent = await createAgent(scope, input("Imported"));
    expect(agent.tenantId).toBe(a.tenant.id);
    await updateAgent(scope, agent.id, { greeting: "Hi there" });
    const audits = await getDb().auditLog.findMany({ where: { targetId: agent.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((x) => x.action)).toEqual(["agent.create", "agent.update"]);
    for (const audit of audits) {
      expect(audit).toMatchObject({ tenantId: a.tenant.id, actorUserId: null, actorApiKeyId: null });
      expect(audit.metadata).toMatchObject({ systemActor: "worker:import-agents" });
    }
    expect(audits[1]!.metadata).toMatchObject({ fields: ["greeting"] });
    // A system scope still cannot reach another tenant's agent.
    const theirs = await createAgent(scopeB, input("Other side"));
    await expect(deleteAgent(scope, theirs.id)).rejects.toSatisfy((e) => isAppError(e, "NOT_FOUND"));
  });

  it("refuses a system scope that does not name its tenant", () => {
    expect(() => systemScope("", { reason: "voice-call" })).toThrow(/needs the tenant/);
  });
});
