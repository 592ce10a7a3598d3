// /api/v1/calls through the real route handlers, session cookies and database. Calls and their
// children are written with the unscoped client, as the voice server will write them.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "./calls/route";
import * as item from "./calls/[id]/route";
import * as agents from "./agents/route";
import { getDb } from "@/lib/db/client";
import { encodeCallCursor } from "@/lib/calls/cursor";
import { apiRequest, createTestCall, createTestTenant, json, params, validAgentInput, type TestTenant } from "@/lib/test/factories";

type CallRow = { id: string; startedAt: string };

let a: TestTenant;
let b: TestTenant;
let agentA1: { id: string; name: string };
let agentA2: { id: string };
let agentB: { id: string };
/** Tenant A's calls, in the order the list must return them. */
let expectedA: string[];
let callsB: string[];

const T = Date.parse("2026-06-01T12:00:00.000Z");
const at = (min: number) => new Date(T + min * 60_000);
const missingId = "zzzzzzzzzzzzzzzzzzzzzzzz";

const list = (t: TestTenant, query = "", cookie = t.user.cookie) => collection.GET(apiRequest("GET", `/api/v1/calls${query}`, { cookie }));
const detail = (t: TestTenant, id: string, cookie = t.user.cookie) => item.GET(apiRequest("GET", `/api/v1/calls/${id}`, { cookie }), params({ id }));
const ids = (rows: CallRow[]) => rows.map((r) => r.id);

async function createAgent(t: TestTenant, name: string) {
  const res = await json(await agents.POST(apiRequest("POST", "/api/v1/agents", { cookie: t.admin.cookie, body: validAgentInput({ name }) })));
  expect(res.status).toBe(201);
  return res.body.data;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Calls A"), createTestTenant("Calls B")]);
  [agentA1, agentA2, agentB] = await Promise.all([createAgent(a, "Ava"), createAgent(a, "Ben"), createAgent(b, "Bea")]);
  // Three calls share one startedAt, so the id tie-break is what keeps pages apart.
  const specs = [
    { startedAt: at(0), agentId: agentA1.id, status: "COMPLETED" as const },
    { startedAt: at(1), agentId: agentA1.id, status: "COMPLETED" as const, recordingKey: "recordings/secret-key.wav" },
    { startedAt: at(1), agentId: agentA2.id, status: "NO_ANSWER" as const },
    { startedAt: at(1), agentId: agentA2.id, status: "COMPLETED" as const, direction: "OUTBOUND" as const },
    { startedAt: at(2), agentId: null, status: "FAILED" as const },
    { startedAt: at(60 * 24), agentId: agentA1.id, status: "IN_PROGRESS" as const },
    { startedAt: at(60 * 48), agentId: agentA2.id, status: "COMPLETED" as const, direction: "WEB" as const },
  ];
  const made = await Promise.all(specs.map((s) => createTestCall(a.tenant.id, s)));
  expectedA = made
    .sort((x, y) => y.startedAt.getTime() - x.startedAt.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0))
    .map((c) => c.id);
  // B's calls are the newest of all: a leak would show at the top of A's first page.
  callsB = (await Promise.all([1, 2, 3].map((n) => createTestCall(b.tenant.id, { startedAt: at(60 * 72 + n), agentId: agentB.id })))).map((c) => c.id);
});

async function allPages(t: TestTenant, query: string) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { status: number; body: { data: CallRow[]; next_cursor: string | null } } = await json(await list(t, `?${query}${cursor ? `&cursor=${cursor}` : ""}`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...ids(res.body.data));
    cursor = res.body.next_cursor;
    pages++;
  } while (cursor && pages < 50);
  return { seen, pages };
}

describe("GET /api/v1/calls", () => {
  it("lists the tenant's calls newest first, without tenant or internal fields", async () => {
    const res = await json(await list(a));
    expect(res.status).toBe(200);
    expect(ids(res.body.data)).toEqual(expectedA);
    expect(res.body.next_cursor).toBeNull();
    const withRecording = res.body.data.find((c: { hasRecording: boolean }) => c.hasRecording);
    expect(withRecording).toMatchObject({ agent: { id: agentA1.id, name: "Ava" }, startedAt: at(1).toISOString(), status: "COMPLETED" });
    expect(res.body.data.filter((c: { hasRecording: boolean }) => c.hasRecording)).toHaveLength(1);
    const text = JSON.stringify(res.body);
    for (const hidden of ["tenantId", "recordingKey", "secret-key", a.tenant.id]) expect(text).not.toContain(hidden);
  });

  it("pages through every call exactly once, equal start times included", async () => {
    for (const limit of [1, 2, 3, 7]) {
      const { seen, pages } = await allPages(a, `limit=${limit}`);
      expect(seen, `limit=${limit}`).toEqual(expectedA);
      expect(pages).toBe(Math.ceil(expectedA.length / limit));
    }
    // A filtered walk keeps its filter on every page.
    const { seen } = await allPages(a, "limit=1&status=COMPLETED");
    expect(seen).toHaveLength(4);
  });

  it("bounds the page size: default 25, at most 100", async () => {
    const c = await createTestTenant("Many calls");
    await getDb().call.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ tenantId: c.tenant.id, providerCallId: `CA-many-${c.tenant.id}-${i}`, fromNumber: "+15550109999", toNumber: "+15550100001", startedAt: at(i) })),
    });
    const first = await json(await list(c));
    expect(first.body.data).toHaveLength(25);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const max = await json(await list(c, "?limit=100"));
    expect(max.body.data).toHaveLength(30);
    expect(max.body.next_cursor).toBeNull();
    for (const bad of ["0", "101", "-1", "2.5", "abc", ""]) {
      const res = await json(await list(c, `?limit=${bad}`));
      expect(res.status, bad).toBe(422);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "limit" });
    }
  });

  it("answers a malformed cursor with 422 naming it", async () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64url");
    const bad = ["!!!", "abc", b64("garbage"), b64("2026-06-01T12:00:00.000Z"), b64("2026-13-01T12:00:00.000Z|abc"), b64("2026-06-01|abc"), b64("2026-06-01T12:00:00.000Z|a b"), b64("2026-06-01T12:00:00.000Z|abc|def"), "x".repeat(300)];
    for (const cursor of bad) {
      const res = await json(await list(a, `?cursor=${encodeURIComponent(cursor)}`));
      expect(res.status, cursor).toBe(422);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "cursor" });
    }
    // A well-formed cursor only positions the list: it never reaches another tenant's rows.
    const fromB = encodeCallCursor({ sort: "started_at", order: "desc", key: at(60 * 100), id: callsB[0]! });
    expect(ids((await json(await list(a, `?cursor=${fromB}`))).body.data)).toEqual(expectedA);
  });

  it("filters by agent, status, direction and start time", async () => {
    const q = async (query: string) => {
      const res = await json(await list(a, query));
      expect(res.status, `${query} ${JSON.stringify(res.body)}`).toBe(200);
      return res.body.data as (CallRow & { agentId: string | null; status: string; direction: string })[];
    };
    const byAgent = await q(`?agentId=${agentA1.id}`);
    expect(byAgent).toHaveLength(3);
    expect(byAgent.every((c) => c.agentId === agentA1.id)).toBe(true);
    expect(await q(`?agentId=${agentB.id}`)).toEqual([]); // another tenant's agent: nothing, not an error
    expect(await q(`?agentId=${missingId}`)).toEqual([]);
    expect((await q("?status=NO_ANSWER")).map((c) => c.status)).toEqual(["NO_ANSWER"]);
    expect((await q("?direction=OUTBOUND")).map((c) => c.direction)).toEqual(["OUTBOUND"]);
    expect(await q(`?agentId=${agentA2.id}&status=COMPLETED&direction=WEB`)).toHaveLength(1);
    // from inclusive, to exclusive.
    expect(await q(`?from=${at(1).toISOString()}&to=${at(2).toISOString()}`)).toHaveLength(3);
    expect(await q(`?from=${encodeURIComponent("2026-06-01T14:01:00+02:00")}&to=2026-06-02`)).toHaveLength(4);
    expect(await q("?from=2026-06-03")).toHaveLength(1);
  });

  it("refuses unknown, repeated and invalid query parameters with 422 naming them", async () => {
    const cases: [string, string][] = [
      ["?stauts=COMPLETED", "stauts"],
      ["?status=DONE", "status"],
      ["?direction=sideways", "direction"],
      ["?agentId=not%20an%20id", "agentId"],
      ["?from=yesterday", "from"],
      ["?to=2026-06-01T12:00:00", "to"], // no offset: which time zone?
      ["?from=2026-06-02&to=2026-06-01", "to"],
      ["?status=COMPLETED&status=FAILED", "status"],
      ["?cursor=%00", "cursor"],
    ];
    for (const [query, field] of cases) {
      const res = await json(await list(a, query));
      expect(res.status, query).toBe(422);
      expect(res.body.error, query).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
  });

  it("never shows another tenant's calls", async () => {
    const { seen } = await allPages(a, "limit=2");
    expect(seen.some((id) => callsB.includes(id))).toBe(false);
    const ofB = await json(await list(b, "", b.admin.cookie));
    expect(ids(ofB.body.data)).toEqual([...callsB].reverse());
  });

  it("requires a session (401), and has no write methods (405)", async () => {
    const anon = await json(await collection.GET(apiRequest("GET", "/api/v1/calls")));
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe("UNAUTHENTICATED");
    const post = await collection.POST(apiRequest("POST", "/api/v1/calls", { cookie: a.admin.cookie, body: {} }));
    expect(post.status).toBe(405);
  });
});

describe("GET /api/v1/calls/:id", () => {
  it("returns the call with turns, events, messages and usage in order", async () => {
    const db = getDb();
    const call = await createTestCall(a.tenant.id, { agentId: agentA1.id, status: "COMPLETED", startedAt: at(5), recordingKey: "recordings/k.wav", costBreakdown: { sttCents: 1 } });
    const base = { tenantId: a.tenant.id, callId: call.id };
    // Written out of order: the response orders them.
    for (const index of [2, 0, 1]) {
      await db.callTurn.create({
        data: { ...base, index, role: index % 2 ? "CALLER" : "AGENT", text: `turn ${index}`, startMs: index * 1000, ...(index === 2 ? { interrupted: true, heardText: "tu" } : {}) },
      });
    }
    for (const sec of [30, 10, 20]) await db.callEvent.create({ data: { ...base, type: `e${sec}`, at: new Date(at(5).getTime() + sec * 1000), payload: { sec } } });
    await db.message.create({ data: { ...base, agentId: agentA1.id, callerName: "Sam", callerPhone: "+15550104444", body: "Call me back", urgency: "HIGH" } });
    await db.usageRecord.create({ data: { ...base, kind: "STT_SECONDS", quantity: 12.5, periodStart: new Date("2026-06-01T00:00:00Z") } });

    const res = await json(await detail(a, call.id));
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d).toMatchObject({ id: call.id, agent: { id: agentA1.id, name: "Ava" }, hasRecording: true, costBreakdown: { sttCents: 1 } });
    expect(d.turns.map((t: { index: number }) => t.index)).toEqual([0, 1, 2]);
    expect(d.turns[2]).toMatchObject({ role: "AGENT", text: "turn 2", heardText: "tu", interrupted: true });
    expect(d.events.map((e: { type: string }) => e.type)).toEqual(["e10", "e20", "e30"]);
    expect(d.events[0]).toMatchObject({ at: new Date(at(5).getTime() + 10_000).toISOString(), payload: { sec: 10 } });
    expect(d.messages).toEqual([expect.objectContaining({ callerName: "Sam", body: "Call me back", urgency: "HIGH", status: "NEW" })]);
    expect(d.usage).toEqual([expect.objectContaining({ kind: "STT_SECONDS", quantity: 12.5 })]);
    const text = JSON.stringify(res.body);
    for (const hidden of ["tenantId", "recordingKey", "recordings/k.wav", "callId", "reportedToStripeAt"]) expect(text).not.toContain(hidden);
  });

  it("answers another tenant's call id exactly like a missing one", async () => {
    const foreign = await json(await detail(a, callsB[0]!));
    const missing = await json(await detail(a, missingId));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.error.code).toBe("NOT_FOUND");
    // As admin too, and an id that cannot exist is the same 404.
    expect((await json(await detail(a, callsB[0]!, a.admin.cookie))).body).toEqual(missing.body);
    expect((await detail(a, "bad id!")).status).toBe(404);
  });

  it("lets a tenant user read, and requires a session", async () => {
    expect((await detail(a, expectedA[0]!, a.user.cookie)).status).toBe(200);
    const anon = await json(await item.GET(apiRequest("GET", `/api/v1/calls/${expectedA[0]}`), params({ id: expectedA[0]! })));
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe("UNAUTHENTICATED");
  });
});
