// /api/v1/messages through the real route handlers, session cookies and database. Messages are written
// with the unscoped client, as the voice server's take-message tool writes them.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "./messages/route";
import * as item from "./messages/[id]/route";
import * as summary from "./messages/summary/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createTestCall, createTestTenant, json, params, type TestTenant } from "@/lib/test/factories";

type Row = { id: string; status: string; handledAt: string | null; handledBy: { id: string } | null; readAt: string | null };

let a: TestTenant;
let b: TestTenant;
/** Tenant A's messages, newest first. */
let msgsA: string[];
let msgB: string;
/** One of A's NEW messages, without a call. */
let freshA: string;
let callA: { id: string };

const T = Date.parse("2026-06-01T12:00:00.000Z");
const at = (min: number) => new Date(T + min * 60_000);

const list = (t: TestTenant, query = "") => collection.GET(apiRequest("GET", `/api/v1/messages${query}`, { cookie: t.user.cookie }));
const read = (t: TestTenant, id: string, method = "GET") => item.GET(apiRequest(method, `/api/v1/messages/${id}`, { cookie: t.user.cookie }), params({ id }));
const patch = (t: TestTenant, id: string, body: unknown, cookie = t.user.cookie) =>
  item.PATCH(apiRequest("PATCH", `/api/v1/messages/${id}`, { cookie, body }), params({ id }));
const unhandled = async (t: TestTenant) => (await json(await summary.GET(apiRequest("GET", "/api/v1/messages/summary", { cookie: t.user.cookie })))).body.data.unhandled;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Messages A"), createTestTenant("Messages B")]);
  callA = await createTestCall(a.tenant.id, { fromNumber: "+15550107777", status: "COMPLETED" });
  const db = getDb();
  const make = (tenantId: string, min: number, data: Record<string, unknown> = {}) =>
    db.message.create({ data: { tenantId, body: `message ${min}`, callerName: "Sam", callerPhone: "+15550104444", createdAt: at(min), ...data } });
  // Two at the same instant: the id tie-break keeps pages apart.
  const made = await Promise.all([
    make(a.tenant.id, 0, { callId: callA.id, urgency: "HIGH", audioStartMs: 6100, audioEndMs: 11_800 }),
    make(a.tenant.id, 1),
    make(a.tenant.id, 1, { status: "ARCHIVED" }),
    make(a.tenant.id, 2, { status: "READ", readAt: at(3) }),
  ]);
  freshA = made[1]!.id;
  msgsA = made.sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1)).map((m) => m.id);
  msgB = (await make(b.tenant.id, 10)).id; // newest of all: a leak would top A's list
});

describe("GET /api/v1/messages", () => {
  it("lists the tenant's messages newest first with call and agent, paging by cursor", async () => {
    const all = await json(await list(a));
    expect(all.status).toBe(200);
    expect(all.body.data.map((m: Row) => m.id)).toEqual(msgsA);
    const linked = all.body.data.find((m: { callId: string | null }) => m.callId === callA.id);
    expect(linked).toMatchObject({ call: { id: callA.id, fromNumber: "+15550107777" }, urgency: "HIGH", callerPhone: "+15550104444", audio: { startMs: 6100, endMs: 11_800 } });
    expect(all.body.data.filter((m: { audio: unknown }) => m.audio === null)).toHaveLength(msgsA.length - 1);
    expect(JSON.stringify(all.body)).not.toContain("tenantId");

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Row[]; next_cursor: string | null } } = await json(await list(a, `?limit=1${cursor ? `&cursor=${cursor}` : ""}`));
      seen.push(...page.body.data.map((m) => m.id));
      cursor = page.body.next_cursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(msgsA);
  });

  it("filters by status (unhandled = NEW + READ) and urgency; bad filters are 422", async () => {
    const statuses = async (q: string) => (await json(await list(a, q))).body.data.map((m: Row) => m.status).sort();
    expect(await statuses("?status=unhandled")).toEqual(["NEW", "NEW", "READ"]);
    expect(await statuses("?status=ARCHIVED")).toEqual(["ARCHIVED"]);
    expect(await statuses("?urgency=HIGH")).toEqual(["NEW"]);
    for (const [q, field] of [["?status=DONE", "status"], ["?urgency=URGENT", "urgency"], ["?sttaus=NEW", "sttaus"], ["?cursor=abc", "cursor"]]) {
      const res = await json(await list(a, q!));
      expect(res.status, q).toBe(422);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
  });
});

describe("GET and PATCH /api/v1/messages/:id", () => {
  it("opening marks NEW as READ; a member marks it handled and reopens it; the summary follows", async () => {
    const id = freshA;
    const before = await unhandled(a);
    expect(before).toBe(3);
    expect((await json(await read(a, id!, "HEAD"))).status).toBe(200);
    expect((await getDb().message.findUniqueOrThrow({ where: { id: id! } })).status).toBe("NEW"); // HEAD does not open
    const opened = await json(await read(a, id!));
    expect(opened.body.data).toMatchObject({ status: "READ", readAt: expect.any(String) });

    const handled = await json(await patch(a, id!, { status: "HANDLED" }));
    expect(handled.status).toBe(200);
    expect(handled.body.data).toMatchObject({ status: "HANDLED", handledAt: expect.any(String), handledBy: { id: a.user.id } });
    expect(await unhandled(a)).toBe(before - 1);
    const again = await json(await patch(a, id!, { status: "HANDLED" }, a.admin.cookie));
    expect(again.body.data.handledAt).toBe(handled.body.data.handledAt); // unchanged, still the user's

    const reopened = await json(await patch(a, id!, { status: "READ" }));
    expect(reopened.body.data).toMatchObject({ status: "READ", handledAt: null, handledBy: null });
    expect(await unhandled(a)).toBe(before);
    const unread = await json(await patch(a, id!, { status: "NEW" }));
    expect(unread.body.data).toMatchObject({ status: "NEW", readAt: null });
  });

  it("refuses a body that is not exactly { status }", async () => {
    for (const body of [{}, { status: "DONE" }, { status: "HANDLED", handledById: a.admin.id }, { state: "HANDLED" }]) {
      const res = await json(await patch(a, msgsA[0]!, body));
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
  });

  it("answers another tenant's message id exactly like a missing one, and changes nothing", async () => {
    const missing = await json(await read(a, "zzzzzzzzzzzzzzzzzzzzzzzz"));
    expect(missing.status).toBe(404);
    expect((await json(await read(a, msgB))).body).toEqual(missing.body);
    expect((await read(a, msgB, "HEAD")).status).toBe(404);
    const foreign = await json(await patch(a, msgB, { status: "HANDLED" }));
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("NOT_FOUND");
    expect((await getDb().message.findUniqueOrThrow({ where: { id: msgB } })).status).toBe("NEW");
    expect(await unhandled(b)).toBe(1);
    expect((await json(await list(a))).body.data.map((m: Row) => m.id)).not.toContain(msgB);
  });

  it("requires a session", async () => {
    expect((await collection.GET(apiRequest("GET", "/api/v1/messages"))).status).toBe(401);
    expect((await summary.GET(apiRequest("GET", "/api/v1/messages/summary"))).status).toBe(401);
    expect((await item.PATCH(apiRequest("PATCH", `/api/v1/messages/${msgsA[0]}`, { body: { status: "HANDLED" } }), params({ id: msgsA[0]! }))).status).toBe(401);
  });
});
