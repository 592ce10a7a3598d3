// /api/v1/knowledge/faqs through the real route handlers: CRUD, limits, agent scoping, the tenant wall,
// and the vocabulary rebuild every change asks for.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "./knowledge/faqs/route";
import * as item from "./knowledge/faqs/[id]/route";
import * as agents from "./agents/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestTenant, json, params, validAgentInput, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;
let agentA: string;
let agentB: string;
const PATH = "/api/v1/knowledge/faqs";

const create = (t: TestTenant, body: unknown, cookie = t.admin.cookie) => collection.POST(apiRequest("POST", PATH, { cookie, body })).then(json);
const list = (t: TestTenant, query = "") => collection.GET(apiRequest("GET", `${PATH}${query}`, { cookie: t.user.cookie })).then(json);
const read = (t: TestTenant, id: string) => item.GET(apiRequest("GET", `${PATH}/${id}`, { cookie: t.user.cookie }), params({ id })).then(json);
const patch = (t: TestTenant, id: string, body: unknown, cookie = t.admin.cookie) => item.PATCH(apiRequest("PATCH", `${PATH}/${id}`, { cookie, body }), params({ id })).then(json);
const remove = (t: TestTenant, id: string, cookie = t.admin.cookie) => item.DELETE(apiRequest("DELETE", `${PATH}/${id}`, { cookie }), params({ id }));

// Rebuilds asked for within a few seconds are one job (rebuild-vocabulary.ts), so each step clears the
// tenant's pending ones first and then looks for the one its change asked for.
async function rebuildJobs(tenantId: string) {
  const rows = await getDb().job.findMany({ where: { name: "knowledge.rebuild-vocabulary" } });
  return rows.filter((j) => (j.payload as { tenantId: string }).tenantId === tenantId);
}
async function rebuilds(tenantId: string) {
  return (await rebuildJobs(tenantId)).map((j) => j.payload as { tenantId: string; agentId: string | null });
}
async function clearRebuilds(tenantId: string) {
  await getDb().job.deleteMany({ where: { id: { in: (await rebuildJobs(tenantId)).map((j) => j.id) } } });
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("FAQ A"), createTestTenant("FAQ B")]);
  const newAgent = async (t: TestTenant) => (await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body: validAgentInput() })).then(json)).body.data.id;
  [agentA, agentB] = await Promise.all([newAgent(a), newAgent(b)]);
});

describe("FAQ API", () => {
  it("creates, lists, reads, changes and deletes entries, asking for a vocabulary rebuild each time", async () => {
    await clearRebuilds(a.tenant.id);
    const shared = await create(a, { question: "Do you have parking?", answer: "Yes, behind the building." });
    expect(shared.status).toBe(201);
    expect(shared.body.data).toMatchObject({ question: "Do you have parking?", answer: "Yes, behind the building.", agentId: null, enabled: true });
    expect(await rebuilds(a.tenant.id)).toEqual([{ tenantId: a.tenant.id, agentId: null }]);

    await clearRebuilds(a.tenant.id);
    const own = await create(a, { question: "Who answers?", answer: "Ava.", agentId: agentA, enabled: false });
    expect(own.body.data).toMatchObject({ agentId: agentA, enabled: false });
    expect(await rebuilds(a.tenant.id)).toEqual([{ tenantId: a.tenant.id, agentId: agentA }]);

    const all = await list(a);
    expect(all.body.data.map((f: { id: string }) => f.id)).toEqual([own.body.data.id, shared.body.data.id]);
    expect((await list(a, `?agentId=${agentA}`)).body.data).toHaveLength(2);
    const otherAgent = (await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput({ name: "Other" }) })).then(json)).body.data.id;
    expect((await list(a, `?agentId=${otherAgent}`)).body.data.map((f: { id: string }) => f.id)).toEqual([shared.body.data.id]);
    expect((await read(a, own.body.data.id)).body.data.question).toBe("Who answers?");

    await clearRebuilds(a.tenant.id);
    const moved = await patch(a, own.body.data.id, { agentId: null, enabled: true, answer: "Ava, our assistant." });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ agentId: null, enabled: true, answer: "Ava, our assistant.", question: "Who answers?" });
    // Every agent's vocabulary (null), which covers the agent it left.
    expect(await rebuilds(a.tenant.id)).toEqual([{ tenantId: a.tenant.id, agentId: null }]);

    await clearRebuilds(a.tenant.id);
    expect((await remove(a, own.body.data.id)).status).toBe(204);
    expect((await read(a, own.body.data.id)).status).toBe(404);
    expect(await rebuilds(a.tenant.id)).toEqual([{ tenantId: a.tenant.id, agentId: null }]);
  });

  it("validates lengths and fields (422 naming them)", async () => {
    const long = await create(a, { question: "q".repeat(501), answer: "a" });
    expect(long.status).toBe(422);
    expect(long.body.error.field).toBe("question");
    expect((await create(a, { question: "q", answer: "a".repeat(2001) })).body.error.field).toBe("answer");
    expect((await create(a, { question: "  ", answer: "a" })).status).toBe(422);
    expect((await create(a, { question: "q", answer: "a", extra: true })).status).toBe(422);
    const ok = await create(a, { question: "q".repeat(500), answer: "line one\nline two" });
    expect(ok.status).toBe(201);
    expect((await patch(a, ok.body.data.id, { question: "" })).status).toBe(422);
  });

  it("keeps tenants apart: another tenant's entry and agent are 404", async () => {
    const entry = (await create(a, { question: "Is there wifi?", answer: "Yes." })).body.data;
    expect((await read(b, entry.id)).status).toBe(404);
    expect((await patch(b, entry.id, { answer: "No." })).status).toBe(404);
    expect((await remove(b, entry.id)).status).toBe(404);
    expect((await list(b)).body.data.map((f: { id: string }) => f.id)).not.toContain(entry.id);
    const foreignAgent = await create(a, { question: "q", answer: "a", agentId: agentB });
    expect(foreignAgent.status).toBe(404);
    expect(foreignAgent.body.error.field).toBe("agentId");
    expect((await patch(a, entry.id, { agentId: agentB })).status).toBe(404);
    expect((await read(a, entry.id)).body.data.answer).toBe("Yes.");
  });

  it("lets members read but not write", async () => {
    const entry = (await create(a, { question: "Open Sundays?", answer: "No." })).body.data;
    expect((await create(a, { question: "q", answer: "a" }, a.user.cookie)).status).toBe(403);
    expect((await patch(a, entry.id, { answer: "Yes." }, a.user.cookie)).status).toBe(403);
    expect((await remove(a, entry.id, a.user.cookie)).status).toBe(403);
    expect((await read(a, entry.id)).status).toBe(200);
  });
});
