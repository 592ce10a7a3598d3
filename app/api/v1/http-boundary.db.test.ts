// The HTTP boundary through the real route handlers and database: bad text (NUL), unknown keys,
// malformed URL ids, unsupported methods and unknown paths all answer the JSON error shape, never 500.
import { beforeAll, describe, expect, it } from "vitest";
import * as agents from "./agents/route";
import * as agent from "./agents/[id]/route";
import * as duplicate from "./agents/[id]/duplicate/route";
import * as numbers from "./phone-numbers/route";
import * as number from "./phone-numbers/[id]/route";
import * as me from "./me/route";
import * as signup from "../auth/signup/route";
import * as catchAll from "../[...path]/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestTenant, json, params, validAgentInput, type TestTenant } from "@/lib/test/factories";

let t: TestTenant;
let agentId: string;
let numberId: string;

beforeAll(async () => {
  t = await createTestTenant("Boundary Co");
  const created = await json(await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body: validAgentInput() })));
  agentId = created.body.data.id;
  const added = await json(await numbers.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie: t.admin.cookie, body: { e164: "+15550109901" } })));
  numberId = added.body.data.id;
});

async function expectValidation(res: Response, field: string, label: string) {
  const { status, body } = await json(res);
  expect(status, label).toBe(422);
  expect(body.error.code, label).toBe("VALIDATION_FAILED");
  expect(body.error.field, label).toBe(field);
}

describe("NUL and control characters in text", () => {
  it("refuses them in every agent text field, on create and update, with 422 naming the field", async () => {
    const before = await getDb().agent.count({ where: { tenantId: t.tenant.id } });
    const fields = ["name", "greeting", "systemPrompt", "voiceId", "afterHoursMessage", "timezone"];
    for (const field of fields) {
      const body = validAgentInput({ [field]: "bad\u0000value" });
      await expectValidation(await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body })), field, `POST ${field}`);
      const patch = apiRequest("PATCH", `/api/v1/agents/${agentId}`, { cookie: t.admin.cookie, body: { [field]: "\u0000" } });
      await expectValidation(await agent.PATCH(patch, params({ id: agentId })), field, `PATCH ${field}`);
    }
    expect(await getDb().agent.count({ where: { tenantId: t.tenant.id } })).toBe(before);
  });

  it("refuses them in a number's label and agent id", async () => {
    const post = (body: unknown) => numbers.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie: t.admin.cookie, body }));
    await expectValidation(await post({ e164: "+15550109902", label: "Main\u0000line" }), "label", "POST label");
    await expectValidation(await post({ e164: "+15550109902", agentId: "\u0000" }), "agentId", "POST agentId");
    await expectValidation(await post({ e164: "+1555\u00000109902" }), "e164", "POST e164");
    const patch = apiRequest("PATCH", `/api/v1/phone-numbers/${numberId}`, { cookie: t.admin.cookie, body: { label: "x\u0000" } });
    await expectValidation(await number.PATCH(patch, params({ id: numberId })), "label", "PATCH label");
  });

  it("refuses them in every sign-up field", async () => {
    const valid = { name: "Nul Tester", email: "nul-tester@test.example", password: "a long enough password", businessName: "Nul Co" };
    for (const [field, value] of [
      ["name", "Nul\u0000"],
      ["businessName", "Co\u0000"],
      ["email", "nul\u0000@test.example"],
      ["password", "a long enough\u0000password"],
    ]) {
      const res = await signup.POST(apiRequest("POST", "/api/auth/signup", { body: { ...valid, [field!]: value } }));
      await expectValidation(res, field!, `sign-up ${field}`);
    }
    expect(await getDb().user.count({ where: { email: valid.email } })).toBe(0);
  });

  it("refuses them in URL ids with 422 naming `id`; ids that cannot exist are 404", async () => {
    const cookie = t.admin.cookie;
    const nul = params({ id: "\u0000" });
    await expectValidation(await agent.GET(apiRequest("GET", "/api/v1/agents/%00", { cookie }), nul), "id", "GET agent");
    await expectValidation(await agent.DELETE(apiRequest("DELETE", "/api/v1/agents/%00", { cookie }), nul), "id", "DELETE agent");
    await expectValidation(await duplicate.POST(apiRequest("POST", "/api/v1/agents/%00/duplicate", { cookie }), nul), "id", "duplicate");
    await expectValidation(await number.GET(apiRequest("GET", "/api/v1/phone-numbers/a%00b", { cookie }), params({ id: "a\u0000b" })), "id", "GET number");
    for (const id of ["../../etc/passwd", "x".repeat(500), "a b"]) {
      const res = await json(await agent.GET(apiRequest("GET", `/api/v1/agents/${encodeURIComponent(id)}`, { cookie }), params({ id })));
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });
});

describe("unknown keys: one rule (strict) for POST and PATCH", () => {
  it("refuses an unknown key with 422 naming it, on create and update alike", async () => {
    const cookie = t.admin.cookie;
    const cases: [Promise<Response>, string][] = [
      [agents.POST(apiRequest("POST", "/api/v1/agents", { cookie, body: validAgentInput({ tenantId: "someone-else" }) })), "tenantId"],
      [
        agents.POST(apiRequest("POST", "/api/v1/agents", { cookie, body: validAgentInput({ businessHours: { ...weekHours(), funday: [] } }) })),
        "businessHours.funday",
      ],
      [agent.PATCH(apiRequest("PATCH", `/api/v1/agents/${agentId}`, { cookie, body: { nmae: "typo" } }), params({ id: agentId })), "nmae"],
      [numbers.POST(apiRequest("POST", "/api/v1/phone-numbers", { cookie, body: { e164: "+15550109903", verified: true } })), "verified"],
      [number.PATCH(apiRequest("PATCH", `/api/v1/phone-numbers/${numberId}`, { cookie, body: { tenantId: "x" } }), params({ id: numberId })), "tenantId"],
      [signup.POST(apiRequest("POST", "/api/auth/signup", { body: { name: "A", email: "strict@test.example", password: "a long enough password", businessName: "B", isSuperAdmin: true } })), "isSuperAdmin"],
    ];
    for (const [pending, field] of cases) {
      const { status, body } = await json(await pending);
      expect(status, field).toBe(422);
      expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
      expect(body.error.message).toMatch(/unknown field/);
    }
    expect(await getDb().phoneNumber.count({ where: { e164: "+15550109903" } })).toBe(0);
  });
});

describe("methods, paths and media types", () => {
  it("answers a method a route does not support with a JSON 405 and an Allow header", async () => {
    const cookie = t.admin.cookie;
    const cases: [Promise<Response>, string][] = [
      [agents.PUT(apiRequest("PUT", "/api/v1/agents", { cookie, body: {} })), "GET, HEAD, OPTIONS, POST"],
      [agent.POST(apiRequest("POST", `/api/v1/agents/${agentId}`, { cookie, body: {} }), params({ id: agentId })), "DELETE, GET, HEAD, OPTIONS, PATCH"],
      [me.DELETE(apiRequest("DELETE", "/api/v1/me", { cookie })), "GET, HEAD, OPTIONS, PATCH"],
      [signup.GET(apiRequest("GET", "/api/auth/signup")), "OPTIONS, POST"],
    ];
    for (const [pending, allow] of cases) {
      const res = await pending;
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect((await res.json()).error.code).toBe("METHOD_NOT_ALLOWED");
    }
    const head = await agents.HEAD(apiRequest("HEAD", "/api/v1/agents", { cookie: t.user.cookie }));
    expect(head.status).toBe(200);
  });

  it("answers an unknown /api path with the JSON 404, for every method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const) {
      const res = await catchAll[method](apiRequest(method, "/api/v1/nope"), params({ path: ["v1", "nope"] }));
      expect(res.status, method).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "No API endpoint at /api/v1/nope" } });
    }
  });

  it("refuses a forged origin even when X-Forwarded-Host agrees with it", async () => {
    const forged = apiRequest("POST", "/api/v1/agents", {
      cookie: t.admin.cookie,
      body: validAgentInput(),
      origin: "https://evil.example",
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    const res = await json(await agents.POST(forged));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("CSRF_FAILED");
  });

  it("refuses application/jsonfoo with 415 and returns the caller's request id", async () => {
    const req = apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body: validAgentInput(), headers: { "x-request-id": "client-req-0042" } });
    req.headers.set("content-type", "application/jsonfoo");
    const res = await agents.POST(req);
    expect(res.status).toBe(415);
    expect(res.headers.get("x-request-id")).toBe("client-req-0042");
    expect((await res.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

function weekHours() {
  const day = [{ open: "09:00", close: "17:00" }];
  return { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: [], sunday: [] };
}
