// Cross-tenant requests through every /api/v1 route on tenant-owned rows: another tenant's id answers
// exactly like an id that never existed (404, same body), changes nothing, and a tenantId in a body
// never places a row in another tenant.
import { beforeAll, describe, expect, it } from "vitest";
import * as agents from "./agents/route";
import * as agent from "./agents/[id]/route";
import * as duplicate from "./agents/[id]/duplicate/route";
import * as numbers from "./phone-numbers/route";
import * as number from "./phone-numbers/[id]/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestTenant, json, params, validAgentInput, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;
let agentA: { id: string };
let agentB: { id: string; name: string; updatedAt: string };
let numberB: { id: string; e164: string; label: string | null; agentId: string | null };

const missingId = "zzzzzzzzzzzzzzzzzzzzzzzz";
const e164 = () => `+1555030${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Isolation A"), createTestTenant("Isolation B")]);
  const post = async (t: TestTenant, path: string, route: (r: Request) => Promise<Response>, body: unknown) => {
    const res = await json(await route(apiRequest("POST", path, { cookie: t.admin.cookie, body })));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data;
  };
  agentA = await post(a, "/api/v1/agents", agents.POST, validAgentInput({ name: "A's agent" }));
  agentB = await post(b, "/api/v1/agents", agents.POST, validAgentInput({ name: "B's agent" }));
  numberB = await post(b, "/api/v1/phone-numbers", numbers.POST, { e164: e164(), label: "B main", agentId: agentB.id });
});

/** Every item route for `id`, as tenant A's admin. */
function itemRequests(id: string): Promise<Response>[] {
  const cookie = a.admin.cookie;
  return [
    agent.GET(apiRequest("GET", `/api/v1/agents/${id}`, { cookie }), params({ id })),
    agent.PATCH(apiRequest("PATCH", `/api/v1/agents/${id}`, { cookie, body: { name: "hijacked" } }), params({ id })),
    agent.DELETE(apiRequest("DELETE", `/api/v1/agents/${id}`, { cookie }), params({ id })),
    duplicate.POST(apiRequest("POST", `/api/v1/agents/${id}/duplicate`, { cookie }), params({ id })),
  ];
}

function numberRequests(id: string, agentId: string): Promise<Response>[] {
  const cookie = a.admin.cookie;
  return [
    number.GET(apiRequest("GET", `/api/v1/phone-numbers/${id}`, { cookie }), params({ id })),
    number.PATCH(apiRequest("PATCH", `/api/v1/phone-numbers/${id}`, { cookie, body: { label: "mine now" } }), params({ id })),
    // Moving B's number onto A's own agent: still B's number, so not found.
    number.PATCH(apiRequest("PATCH", `/api/v1/phone-numbers/${id}`, { cookie, body: { agentId } }), params({ id })),
    number.DELETE(apiRequest("DELETE", `/api/v1/phone-numbers/${id}`, { cookie }), params({ id })),
  ];
}

async function bodies(responses: Promise<Response>[]) {
  return Promise.all(responses.map(async (r) => json(await r)));
}

describe("tenant isolation across /api/v1", () => {
  it("answers another tenant's agent id exactly like a missing one, and changes nothing", async () => {
    const foreign = await bodies(itemRequests(agentB.id));
    const missing = await bodies(itemRequests(missingId));
    for (const [i, res] of foreign.entries()) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing[i]!.body);
    }
    const row = await getDb().agent.findUniqueOrThrow({ where: { id: agentB.id } });
    expect(row).toMatchObject({ name: "B's agent", tenantId: b.tenant.id });
    expect(row.updatedAt.toISOString()).toBe(agentB.updatedAt);
    expect(await getDb().agent.count({ where: { tenantId: a.tenant.id, name: { startsWith: "B's agent" } } })).toBe(0);
  });

  it("answers another tenant's number id exactly like a missing one, and changes nothing", async () => {
    const foreign = await bodies(numberRequests(numberB.id, agentA.id));
    const missing = await bodies(numberRequests(missingId, agentA.id));
    for (const [i, res] of foreign.entries()) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing[i]!.body);
    }
    expect(await getDb().phoneNumber.findUniqueOrThrow({ where: { id: numberB.id } })).toMatchObject({
      tenantId: b.tenant.id,
      label: "B main",
      agentId: agentB.id,
    });
    const list = await json(await numbers.GET(apiRequest("GET", "/api/v1/phone-numbers", { cookie: a.admin.cookie })));
    expect(list.body.data.map((n: { id: string }) => n.id)).not.toContain(numberB.id);
  });

  it("never lets a tenantId in a body place a row in another tenant", async () => {
    const cookie = a.admin.cookie;
    const before = await Promise.all([getDb().agent.count({ where: { tenantId: b.tenant.id } }), getDb().phoneNumber.count({ where: { tenantId: b.tenant.id } })]);
    const made = await json(await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie, body: validAgentInput({ name: "Smuggled", tenantId: b.tenant.id }) })));
    const madeNumber = await json(await numbers.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie, body: { e164: e164(), tenantId: b.tenant.id } })));
    // Refused as an unknown key (the schemas are strict), and nothing lands in B.
    for (const res of [made, madeNumber]) {
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ field: "tenantId" });
    }
    const after = await Promise.all([getDb().agent.count({ where: { tenantId: b.tenant.id } }), getDb().phoneNumber.count({ where: { tenantId: b.tenant.id } })]);
    expect(after).toEqual(before);
  });

  it("refuses to link A's number to B's agent, on create and on update (404 on agentId)", async () => {
    const cookie = a.admin.cookie;
    const created = await json(await numbers.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie, body: { e164: e164(), agentId: agentB.id } })));
    expect(created.status).toBe(404);
    expect(created.body.error).toMatchObject({ code: "NOT_FOUND", field: "agentId" });
    const own = (await json(await numbers.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie, body: { e164: e164() } })))).body.data;
    const patched = await json(await number.PATCH(apiRequest("PATCH", `/api/v1/phone-numbers/${own.id}`, { cookie, body: { agentId: agentB.id } }), params({ id: own.id })));
    expect(patched.status).toBe(404);
    expect(patched.body.error).toMatchObject({ code: "NOT_FOUND", field: "agentId" });
    expect((await getDb().phoneNumber.findUniqueOrThrow({ where: { id: own.id } })).agentId).toBeNull();
    // B's agent lists none of A's numbers.
    const seenByB = await json(await agent.GET(apiRequest("GET", `/api/v1/agents/${agentB.id}`, { cookie: b.admin.cookie }), params({ id: agentB.id })));
    expect(seenByB.body.data.phoneNumbers.map((n: { id: string }) => n.id)).toEqual([numberB.id]);
  });
});
