// /api/v1/phone-numbers through the real route handlers, session cookies and database.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "./phone-numbers/route";
import * as item from "./phone-numbers/[id]/route";
import * as agents from "./agents/route";
import * as available from "./phone-numbers/available/route";
import * as buy from "./phone-numbers/buy/route";
import * as importRoute from "./phone-numbers/import/route";
import * as provider from "./phone-numbers/provider/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestTenant, json, params, validAgentInput, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;
let agentA: { id: string };
let agentB: { id: string };
let counter = 0;

const nextNumber = () => `+1555020${String(1000 + counter++).padStart(4, "0")}`;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Numbers A"), createTestTenant("Numbers B")]);
  agentA = (await (await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput() }))).json()).data;
  agentB = (await (await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: b.admin.cookie, body: validAgentInput() }))).json()).data;
});

const create = (t: TestTenant, body: unknown) => collection.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie: t.admin.cookie, body }));

describe("phone numbers API", () => {
  it("adds a number (normalising what people type), attaches it to an agent, reassigns and deletes it", async () => {
    const raw = nextNumber();
    const typed = `${raw.slice(0, 2)} (${raw.slice(2, 5)}) ${raw.slice(5, 8)}-${raw.slice(8)}`;
    const res = await json(await create(a, { e164: typed, label: "Main", agentId: agentA.id }));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ e164: raw, label: "Main", agentId: agentA.id, agent: { id: agentA.id }, provider: "LOCAL" });

    const agent = await getDb().agent.findUniqueOrThrow({ where: { id: agentA.id }, include: { phoneNumbers: true } });
    expect(agent.phoneNumbers.map((p) => p.e164)).toContain(raw);

    const id = res.body.data.id;
    const detached = await json(await item.PATCH(apiRequest("PATCH", `/api/v1/phone-numbers/${id}`, { cookie: a.admin.cookie, body: { agentId: null, label: "Spare" } }), params({ id })));
    expect(detached.body.data).toMatchObject({ agentId: null, agent: null, label: "Spare" });

    const list = await json(await collection.GET(apiRequest("GET", "/api/v1/phone-numbers", { cookie: a.user.cookie })));
    expect(list.body.data.map((p: { id: string }) => p.id)).toContain(id);

    expect((await item.DELETE(apiRequest("DELETE", `/api/v1/phone-numbers/${id}`, { cookie: a.admin.cookie }), params({ id }))).status).toBe(204);
    expect(await getDb().phoneNumber.findUnique({ where: { id } })).toBeNull();
  });

  it("rejects numbers that are not E.164 with 422 on field e164", async () => {
    for (const e164 of ["5550100", "+0123456789", "+1555abc0100", "", "+1234567890123456"]) {
      const res = await json(await create(a, { e164 }));
      expect(res.status, e164).toBe(422);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "e164" });
    }
  });

  it("gives one number to one tenant only (409), keeping the owner's row intact", async () => {
    const e164 = nextNumber();
    expect((await create(b, { e164, agentId: agentB.id })).status).toBe(201);
    const res = await json(await create(a, { e164 }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "PHONE_NUMBER_TAKEN", field: "e164" });
    const row = await getDb().phoneNumber.findUniqueOrThrow({ where: { e164 } });
    expect(row).toMatchObject({ tenantId: b.tenant.id, agentId: agentB.id });
  });

  it("refuses to attach another tenant's agent (404), on create and update", async () => {
    const before = await getDb().phoneNumber.count({ where: { tenantId: a.tenant.id } });
    const res = await json(await create(a, { e164: nextNumber(), agentId: agentB.id }));
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe("agentId");
    expect(await getDb().phoneNumber.count({ where: { tenantId: a.tenant.id } })).toBe(before);

    const own = (await json(await create(a, { e164: nextNumber() }))).body.data;
    const patch = await item.PATCH(apiRequest("PATCH", `/api/v1/phone-numbers/${own.id}`, { cookie: a.admin.cookie, body: { agentId: agentB.id } }), params({ id: own.id }));
    expect(patch.status).toBe(404);
    expect((await getDb().phoneNumber.findUniqueOrThrow({ where: { id: own.id } })).agentId).toBeNull();
  });

  it("hides another tenant's numbers: 404 for get, update and delete", async () => {
    const foreign = (await json(await create(b, { e164: nextNumber() }))).body.data;
    const cookie = a.admin.cookie;
    const responses = [
      await item.GET(apiRequest("GET", `/api/v1/phone-numbers/${foreign.id}`, { cookie }), params({ id: foreign.id })),
      await item.PATCH(apiRequest("PATCH", `/api/v1/phone-numbers/${foreign.id}`, { cookie, body: { label: "mine" } }), params({ id: foreign.id })),
      await item.DELETE(apiRequest("DELETE", `/api/v1/phone-numbers/${foreign.id}`, { cookie }), params({ id: foreign.id })),
    ];
    for (const res of responses) expect(res.status).toBe(404);
    expect(await getDb().phoneNumber.findUnique({ where: { id: foreign.id } })).not.toBeNull();
  });

  it("lets a tenant user read but not change numbers, and needs a session", async () => {
    const own = (await json(await create(a, { e164: nextNumber() }))).body.data;
    const cookie = a.user.cookie;
    expect((await item.GET(apiRequest("GET", `/api/v1/phone-numbers/${own.id}`, { cookie }), params({ id: own.id }))).status).toBe(200);
    expect((await collection.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie, body: { e164: nextNumber() } }))).status).toBe(403);
    expect((await item.PATCH(apiRequest("PATCH", `/api/v1/phone-numbers/${own.id}`, { cookie, body: { label: "x" } }), params({ id: own.id }))).status).toBe(403);
    expect((await item.DELETE(apiRequest("DELETE", `/api/v1/phone-numbers/${own.id}`, { cookie }), params({ id: own.id }))).status).toBe(403);
    expect((await collection.GET(apiRequest("GET", "/api/v1/phone-numbers"))).status).toBe(401);
  });

  it("enforces the plan's number quota", async () => {
    const t = await createTestTenant("One number plan");
    await getDb().tenant.update({ where: { id: t.tenant.id }, data: { maxPhoneNumbers: 1 } });
    expect((await create(t, { e164: nextNumber() })).status).toBe(201);
    const res = await json(await create(t, { e164: nextNumber() }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("QUOTA_EXCEEDED");
  });

  it("detaches numbers when their agent is deleted", async () => {
    const agent = (await (await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput({ name: "Temp" }) }))).json()).data;
    const number = (await json(await create(a, { e164: nextNumber(), agentId: agent.id }))).body.data;
    await getDb().agent.delete({ where: { id: agent.id } });
    expect((await getDb().phoneNumber.findUniqueOrThrow({ where: { id: number.id } })).agentId).toBeNull();
  });
});

describe("phone numbers API without Twilio keys (the test environment)", () => {
  it("says numbers are simulated, and refuses buying, importing and searching with 409 (admins) or 403 (users)", async () => {
    const info = await json(await provider.GET(apiRequest("GET", "/api/v1/phone-numbers/provider", { cookie: a.user.cookie })));
    expect(info).toEqual({ status: 200, body: { data: { telephony: "local" } } });
    const body = { e164: nextNumber() };
    for (const [handler, path] of [[buy.POST, "buy"], [importRoute.POST, "import"]] as const) {
      const res = await json(await handler(apiRequest("POST", `/api/v1/phone-numbers/${path}`, { cookie: a.admin.cookie, body })));
      expect(res.status, path).toBe(409);
      expect(res.body.error.code).toBe("CONFLICT");
      expect((await handler(apiRequest("POST", `/api/v1/phone-numbers/${path}`, { cookie: a.user.cookie, body }))).status).toBe(403);
    }
    expect((await available.GET(apiRequest("GET", "/api/v1/phone-numbers/available?areaCode=512", { cookie: a.admin.cookie }))).status).toBe(409);
    expect((await available.GET(apiRequest("GET", "/api/v1/phone-numbers/available?areaCode=5x2", { cookie: a.admin.cookie }))).status).toBe(422);
    expect((await available.GET(apiRequest("GET", "/api/v1/phone-numbers/available", { cookie: a.user.cookie }))).status).toBe(403);
    expect((await buy.POST(apiRequest("POST", "/api/v1/phone-numbers/buy", { cookie: a.admin.cookie, body: { ...body, typo: 1 } }))).status).toBe(422);
  });
});
