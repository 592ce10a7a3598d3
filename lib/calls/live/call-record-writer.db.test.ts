// The shared writer of the live call record: many calls' rows in a few statements, each row in its
// own call and tenant, one bad row losing nothing but itself, and a row's promise settling only
// after every row given before it.
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client";
import { createTestCall } from "../../test/factories";
import { tenantWithNumber } from "../../test/twilio";
import type { CallRow, EventRow, UsageRow } from "./call-record-sql";
import { createCallRecordWriter } from "./call-record-writer";

async function liveCall(name: string) {
  const t = await tenantWithNumber(name);
  const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, status: "IN_PROGRESS", answeredAt: new Date() });
  return { tenantId: t.tenant.id, callId: call.id };
}

const to = <T>(c: { tenantId: string; callId: string }, row: T): CallRow<T> => ({ scope: { tenantId: c.tenantId }, callId: c.callId, row });
const event = (type: string, at = new Date()): EventRow => ({ type, payload: { n: type }, at });
const usage = (quantity: number): UsageRow => ({ kind: "STT_SECONDS", model: null, quantity, costMicros: 0, periodStart: new Date(), occurredAt: new Date() });

describe("call record writer", () => {
  it("writes the rows of calls of two tenants given within one window in one statement per table", async () => {
    const a = await liveCall("Writer A");
    const b = await liveCall("Writer B");
    const w = createCallRecordWriter({ db: getDb(), logger: pino({ level: "silent" }), windowMs: 50 });
    const given = [
      w.turn(to(a, { index: 0, role: "AGENT", text: "Hello A", startMs: 0, endMs: 900 })),
      w.turn(to(b, { index: 0, role: "AGENT", text: "Hello B", startMs: 0, endMs: 800 })),
      w.turn(to(a, { index: 1, role: "CALLER", text: "hours", startMs: 1000, endMs: 1500, understood: true })),
      w.events([to(a, event("barge_in")), to(b, event("tool.called"))]),
      w.usage([to(a, usage(1.5)), to(b, usage(2))]),
    ];
    expect(w.stats.statements).toBe(0); // still in its window
    await Promise.all(given);
    expect(w.stats).toEqual({ statements: 3, rowsWritten: 7, rowsFailed: 0 });
    const db = getDb();
    const turns = await db.callTurn.findMany({ where: { callId: { in: [a.callId, b.callId] } }, orderBy: [{ callId: "asc" }, { index: "asc" }], select: { tenantId: true, callId: true, text: true } });
    expect(turns).toEqual(
      [
        { tenantId: a.tenantId, callId: a.callId, text: "Hello A" },
        { tenantId: a.tenantId, callId: a.callId, text: "hours" },
        { tenantId: b.tenantId, callId: b.callId, text: "Hello B" },
      ].sort((x, y) => x.callId.localeCompare(y.callId)),
    );
    expect((await db.callEvent.findMany({ where: { callId: b.callId } })).map((e) => [e.tenantId, e.type])).toEqual([[b.tenantId, "tool.called"]]);
    expect((await db.usageRecord.findMany({ where: { callId: a.callId } })).map((u) => [u.tenantId, u.quantity])).toEqual([[a.tenantId, 1.5]]);
  });

  it("a row the database refuses (another tenant's call, a repeated turn) is logged and loses nothing else", async () => {
    const a = await liveCall("Writer C");
    const b = await liveCall("Writer D");
    const logger = pino({ level: "silent" });
    const error = vi.spyOn(logger, "error");
    const w = createCallRecordWriter({ db: getDb(), logger, windowMs: 20 });
    void w.turn(to(a, { index: 0, role: "AGENT", text: "first", startMs: 0, endMs: 1 }));
    void w.turn(to({ tenantId: a.tenantId, callId: b.callId }, { index: 5, role: "AGENT", text: "forged", startMs: 0, endMs: 1 }));
    void w.turn(to(a, { index: 0, role: "AGENT", text: "repeated index", startMs: 0, endMs: 1 }));
    void w.turn(to(b, { index: 0, role: "AGENT", text: "b's own", startMs: 0, endMs: 1 }));
    await w.flush();
    expect(w.stats).toMatchObject({ rowsWritten: 2, rowsFailed: 2 });
    expect(error.mock.calls.map(([o]) => (o as { callId: string }).callId).sort()).toEqual([a.callId, b.callId].sort());
    const db = getDb();
    expect((await db.callTurn.findMany({ where: { callId: a.callId } })).map((t) => t.text)).toEqual(["first"]);
    expect((await db.callTurn.findMany({ where: { callId: b.callId } })).map((t) => [t.tenantId, t.text])).toEqual([[b.tenantId, "b's own"]]);
  });

  it("writes a full batch at once, and a later row's promise settles after every earlier row was written", async () => {
    const a = await liveCall("Writer E");
    const w = createCallRecordWriter({ db: getDb(), logger: pino({ level: "silent" }), windowMs: 60_000, maxRows: 3 });
    const t0 = Date.now();
    const first = w.events([to(a, event("e1", new Date(t0))), to(a, event("e2", new Date(t0 + 1))), to(a, event("e3", new Date(t0 + 2)))]); // full: written now, window or not
    const later = w.events([to(a, event("e4", new Date(t0 + 3)))]); // waits for its own (long) window…
    await first;
    expect(w.stats.rowsWritten).toBe(3);
    let laterDone = false;
    void later.then(() => (laterDone = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(laterDone).toBe(false);
    // Nothing to write still waits for what came before (a call's end with no usage left to add).
    let emptyDone = false;
    void w.usage([]).then(() => (emptyDone = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(emptyDone).toBe(false);
    await w.flush(); // …or a flush (a call's end, the server's shutdown)
    expect(laterDone).toBe(true);
    expect(emptyDone).toBe(true);
    expect((await getDb().callEvent.findMany({ where: { callId: a.callId }, orderBy: { at: "asc" } })).map((e) => e.type)).toEqual(["e1", "e2", "e3", "e4"]);
  });
});
