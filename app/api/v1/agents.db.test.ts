// /api/v1/agents through the real route handlers, session cookies and database.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "./agents/route";
import * as item from "./agents/[id]/route";
import * as duplicate from "./agents/[id]/duplicate/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestTenant, json, params, validAgentInput, type TestTenant } from "@/lib/test/factories";

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Tenant A"), createTestTenant("Tenant B")]);
});

async function createAgentAs(t: TestTenant, overrides: Record<string, unknown> = {}) {
  const res = await json(await collection.POST(apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body: validAgentInput(overrides) })));
  expect(res.status).toBe(201);
  return res.body.data;
}

describe("agents API", () => {
  it("creates with defaults, lists, gets, updates and deletes", async () => {
    const created = await createAgentAs(a, { name: "Front desk" });
    expect(created).toMatchObject({
      name: "Front desk",
      language: "en-US",
      llmModel: "gpt-4o-mini",
      timezone: "UTC",
      enabled: true,
      tools: ["KNOWLEDGE_SEARCH", "TAKE_MESSAGE", "END_CALL"],
      phoneNumbers: [],
    });
    expect(created.businessHours.monday).toEqual([{ open: "09:00", close: "17:00" }]);
    expect(created.id).toMatch(/^[a-z0-9]{20,}$/);

    const list = await json(await collection.GET(apiRequest("GET", "/api/v1/agents", { cookie: a.user.cookie })));
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(created.id);

    const patch = {
      greeting: "Good morning!",
      temperature: 0.9,
      timezone: "Europe/Berlin",
      businessHours: { ...created.businessHours, saturday: [{ open: "10:00", close: "12:00" }, { open: "13:00", close: "15:00" }] },
      tools: ["TRANSFER_CALL", "END_CALL"],
      transferPhoneNumber: "+1 (555) 010-0200",
    };
    const updated = await json(await item.PATCH(apiRequest("PATCH", `/api/v1/agents/${created.id}`, { cookie: a.admin.cookie, body: patch }), params({ id: created.id })));
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ greeting: "Good morning!", temperature: 0.9, timezone: "Europe/Berlin", transferPhoneNumber: "+15550100200" });
    expect(updated.body.data.businessHours.saturday).toHaveLength(2);
    expect(updated.body.data.name).toBe("Front desk");

    const got = await json(await item.GET(apiRequest("GET", `/api/v1/agents/${created.id}`, { cookie: a.user.cookie }), params({ id: created.id })));
    expect(got.body.data.greeting).toBe("Good morning!");

    const del = await item.DELETE(apiRequest("DELETE", `/api/v1/agents/${created.id}`, { cookie: a.admin.cookie }), params({ id: created.id }));
    expect(del.status).toBe(204);
    const gone = await item.GET(apiRequest("GET", `/api/v1/agents/${created.id}`, { cookie: a.admin.cookie }), params({ id: created.id }));
    expect(gone.status).toBe(404);
  });

  it("duplicates an agent as a disabled copy without numbers, and audits it", async () => {
    const source = await createAgentAs(a, { name: "Original", temperature: 1.1 });
    const res = await json(await duplicate.POST(apiRequest("POST", `/api/v1/agents/${source.id}/duplicate`, { cookie: a.admin.cookie }), params({ id: source.id })));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: "Original (copy)", temperature: 1.1, enabled: false, phoneNumbers: [] });
    expect(res.body.data.id).not.toBe(source.id);
    const audit = await getDb().auditLog.findFirst({ where: { tenantId: a.tenant.id, action: "agent.duplicate", targetId: res.body.data.id } });
    expect(audit?.actorUserId).toBe(a.admin.id);

    const dup = (id: string) => duplicate.POST(apiRequest("POST", `/api/v1/agents/${id}/duplicate`, { cookie: a.admin.cookie }), params({ id }));
    const second = await json(await dup(source.id));
    expect(second.body.data.name).toBe("Original (copy 2)");
    const ofCopy = await json(await dup(res.body.data.id));
    expect(ofCopy.body.data.name).toBe("Original (copy 3)");
  });

  it("answers 422 naming the field, and stores nothing", async () => {
    const before = await getDb().agent.count({ where: { tenantId: a.tenant.id } });
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ temperature: 3 }, "temperature"],
      [{ timezone: "Mars/Olympus" }, "timezone"],
      [{ language: "xx-XX" }, "language"],
      [{ transferPhoneNumber: "555-0100" }, "transferPhoneNumber"],
      [{ businessHours: { monday: [{ open: "18:00", close: "09:00" }] } }, "businessHours.monday.0.close"],
      [{ tools: ["TRANSFER_CALL"] }, "transferPhoneNumber"],
      [{ maxCallDurationSec: 10 }, "maxCallDurationSec"],
    ];
    for (const [overrides, field] of cases) {
      const res = await json(await collection.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput(overrides) })));
      expect(res.status, JSON.stringify(overrides)).toBe(422);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.field, JSON.stringify(overrides)).toBe(field);
      expect(res.body.error.message).toBeTruthy();
    }
    const notJson = await json(await collection.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: "{not json", headers: {} })));
    expect(notJson.status).toBe(422);
    expect(await getDb().agent.count({ where: { tenantId: a.tenant.id } })).toBe(before);
  });

  it("stores the agent's ElevenLabs model, returns it, copies it, and refuses one not listed (422 on ttsModel)", async () => {
    const created = await createAgentAs(a, { ttsModel: "eleven_turbo_v2_5" });
    expect(created.ttsModel).toBe("eleven_turbo_v2_5");
    expect((await createAgentAs(a)).ttsModel).toBeNull();
    const patch = async (body: unknown) => json(await item.PATCH(apiRequest("PATCH", `/api/v1/agents/${created.id}`, { cookie: a.admin.cookie, body }), params({ id: created.id })));
    expect((await patch({ ttsModel: "eleven_multilingual_v2" })).body.data.ttsModel).toBe("eleven_multilingual_v2");
    const refused = await patch({ ttsModel: "gpt-4o-mini-tts" });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "ttsModel", message: expect.stringContaining("eleven_flash_v2_5") });
    expect(await getDb().agent.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ ttsModel: "eleven_multilingual_v2" });
    const copy = await json(await duplicate.POST(apiRequest("POST", `/api/v1/agents/${created.id}/duplicate`, { cookie: a.admin.cookie }), params({ id: created.id })));
    expect(copy.body.data.ttsModel).toBe("eleven_multilingual_v2");
    expect((await patch({ ttsModel: null })).body.data.ttsModel).toBeNull();
  });

  it("stores an address and services, trimmed, and clears them", async () => {
    const created = await createAgentAs(a, { address: "  1420 Maple Avenue\nSuite 200, Springfield  ", services: [" Cleanings ", "Teeth whitening"] });
    expect(created).toMatchObject({ address: "1420 Maple Avenue\nSuite 200, Springfield", services: ["Cleanings", "Teeth whitening"] });
    const bare = await createAgentAs(a);
    expect(bare).toMatchObject({ address: null, services: [] });

    const patch = (body: unknown) =>
      item.PATCH(apiRequest("PATCH", `/api/v1/agents/${created.id}`, { cookie: a.admin.cookie, body }), params({ id: created.id }));
    const cleared = await json(await patch({ address: "   ", services: [] }));
    expect(cleared.status).toBe(200);
    expect(cleared.body.data).toMatchObject({ address: null, services: [] });
    expect(await getDb().agent.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ address: null, services: [] });
  });

  it("refuses bad addresses and service lists with 422 naming the entry", async () => {
    const before = await getDb().agent.count({ where: { tenantId: a.tenant.id } });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ address: "x".repeat(301) }, "address", /at most 300/],
      [{ address: "Main St\u0000" }, "address", /control characters/],
      [{ services: Array.from({ length: 31 }, (_, i) => `Service ${i}`) }, "services", /At most 30/],
      [{ services: ["Cleanings", "x".repeat(81)] }, "services.1", /at most 80/],
      [{ services: ["Cleanings", "  "] }, "services.1", /required/],
      [{ services: ["Cleanings", "Fillings", " CLEANINGS "] }, "services.2", /listed twice/],
      [{ services: "Cleanings" }, "services", /./],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await json(await collection.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput(overrides) })));
      expect(res.status, JSON.stringify(overrides)).toBe(422);
      expect(res.body.error.field, JSON.stringify(overrides)).toBe(field);
      expect(res.body.error.message, JSON.stringify(overrides)).toMatch(message);
    }
    // 30 services of 80 characters is the most there is, and allowed.
    const most = Array.from({ length: 30 }, (_, i) => `${String(i).padStart(2, "0")}${"s".repeat(78)}`);
    expect((await createAgentAs(a, { services: most, address: "a".repeat(300) })).services).toHaveLength(30);
    expect(await getDb().agent.count({ where: { tenantId: a.tenant.id } })).toBe(before + 1);
  });

  it("takes only voices the configured text-to-speech offers; none chosen is the language's first voice", async () => {
    expect((await createAgentAs(a)).voiceId).toBe("local-en-us-1");
    expect((await createAgentAs(a, { language: "de-DE" })).voiceId).toMatch(/^local-de-de-/);
    const chosen = await createAgentAs(a, { voiceId: "local-en-gb-2" });
    expect(chosen.voiceId).toBe("local-en-gb-2");

    const refused = await json(await collection.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput({ voiceId: "alloy" }) })));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "voiceId" });
    expect(refused.body.error.message).toMatch(/“alloy” is not a voice of the configured text-to-speech \(local\)/);

    const patch = (body: unknown) =>
      item.PATCH(apiRequest("PATCH", `/api/v1/agents/${chosen.id}`, { cookie: a.admin.cookie, body }), params({ id: chosen.id }));
    const bad = await json(await patch({ voiceId: "local-en-us-99", greeting: "changed" }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("voiceId");
    expect(await getDb().agent.findUniqueOrThrow({ where: { id: chosen.id } })).toMatchObject({ voiceId: "local-en-gb-2", greeting: chosen.greeting });
    const ok = await json(await patch({ voiceId: "local-fr-fr-1" }));
    expect(ok.body.data.voiceId).toBe("local-fr-fr-1");

    // A stored voice the provider stopped offering does not block other edits.
    await getDb().agent.update({ where: { id: chosen.id }, data: { voiceId: "retired-voice" } });
    const other = await json(await patch({ greeting: "Still works" }));
    expect(other.status).toBe(200);
    expect(other.body.data).toMatchObject({ greeting: "Still works", voiceId: "retired-voice" });
  });

  it("leaves an agent unchanged when an update is invalid", async () => {
    const agent = await createAgentAs(a, { name: "Stable" });
    const bad = await json(
      await item.PATCH(apiRequest("PATCH", `/api/v1/agents/${agent.id}`, { cookie: a.admin.cookie, body: { greeting: "changed", tools: ["TRANSFER_CALL"] } }), params({ id: agent.id })),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("transferPhoneNumber");
    const unknownField = await item.PATCH(apiRequest("PATCH", `/api/v1/agents/${agent.id}`, { cookie: a.admin.cookie, body: { tenantId: b.tenant.id } }), params({ id: agent.id }));
    expect(unknownField.status).toBe(422);
    const row = await getDb().agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row.greeting).toBe(agent.greeting);
    expect(row.tenantId).toBe(a.tenant.id);
  });

  it("hides another tenant's agents: 404 for get, update, delete and duplicate", async () => {
    const foreign = await createAgentAs(b, { name: "B's agent" });
    const p = params({ id: foreign.id });
    const cookie = a.admin.cookie;
    const responses = await Promise.all([
      item.GET(apiRequest("GET", `/api/v1/agents/${foreign.id}`, { cookie }), p),
      item.PATCH(apiRequest("PATCH", `/api/v1/agents/${foreign.id}`, { cookie, body: { name: "hijacked" } }), params({ id: foreign.id })),
      item.DELETE(apiRequest("DELETE", `/api/v1/agents/${foreign.id}`, { cookie }), params({ id: foreign.id })),
      duplicate.POST(apiRequest("POST", `/api/v1/agents/${foreign.id}/duplicate`, { cookie }), params({ id: foreign.id })),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("NOT_FOUND");
    }
    const list = await json(await collection.GET(apiRequest("GET", "/api/v1/agents", { cookie })));
    expect(list.body.data.some((x: { id: string }) => x.id === foreign.id)).toBe(false);
    const row = await getDb().agent.findUniqueOrThrow({ where: { id: foreign.id } });
    expect(row.name).toBe("B's agent");
  });

  it("lets a tenant user read but not change agents", async () => {
    const agent = await createAgentAs(a, { name: "Read only" });
    const cookie = a.user.cookie;
    expect((await item.GET(apiRequest("GET", `/api/v1/agents/${agent.id}`, { cookie }), params({ id: agent.id }))).status).toBe(200);
    const writes = await Promise.all([
      collection.POST(apiRequest("POST", "/api/v1/agents", { cookie, body: validAgentInput() })),
      item.PATCH(apiRequest("PATCH", `/api/v1/agents/${agent.id}`, { cookie, body: { name: "x" } }), params({ id: agent.id })),
      item.DELETE(apiRequest("DELETE", `/api/v1/agents/${agent.id}`, { cookie }), params({ id: agent.id })),
      duplicate.POST(apiRequest("POST", `/api/v1/agents/${agent.id}/duplicate`, { cookie }), params({ id: agent.id })),
    ]);
    for (const res of writes) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("FORBIDDEN");
    }
    expect((await getDb().agent.findUniqueOrThrow({ where: { id: agent.id } })).name).toBe("Read only");
  });

  it("requires a session (401) and a same-origin request for mutations (403)", async () => {
    const anon = await json(await collection.GET(apiRequest("GET", "/api/v1/agents")));
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe("UNAUTHENTICATED");
    const forged = await collection.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput(), origin: "https://evil.example" }));
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe("CSRF_FAILED");
    const noOrigin = await collection.POST(apiRequest("POST", "/api/v1/agents", { cookie: a.admin.cookie, body: validAgentInput(), origin: null }));
    expect(noOrigin.status).toBe(403);
    const tampered = await collection.GET(apiRequest("GET", "/api/v1/agents", { cookie: a.admin.cookie.slice(0, -4) + "AAAA" }));
    expect(tampered.status).toBe(401);
  });

  it("enforces the plan's agent quota without partial writes", async () => {
    const t = await createTestTenant("Small plan");
    await getDb().tenant.update({ where: { id: t.tenant.id }, data: { maxAgents: 2 } });
    const results = await Promise.all(
      [1, 2, 3].map((n) => collection.POST(apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body: validAgentInput({ name: `Agent ${n}` }) }))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 422]);
    const refused = results.find((r) => r.status === 422)!;
    expect((await refused.json()).error.code).toBe("QUOTA_EXCEEDED");
    expect(await getDb().agent.count({ where: { tenantId: t.tenant.id } })).toBe(2);
  });

  it("refuses a suspended tenant's session", async () => {
    const t = await createTestTenant("Suspended Co");
    await getDb().tenant.update({ where: { id: t.tenant.id }, data: { status: "SUSPENDED", suspendedAt: new Date() } });
    const res = await json(await collection.GET(apiRequest("GET", "/api/v1/agents", { cookie: t.admin.cookie })));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("TENANT_SUSPENDED");
  });
});
