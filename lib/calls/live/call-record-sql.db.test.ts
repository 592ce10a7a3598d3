// The raw inserts of the live call record read back through Prisma exactly as Prisma would have
// written them (instants, JSON, enums, nulls), and refuse a call of another tenant.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createTestCall } from "../../test/factories";
import { tenantWithNumber } from "../../test/twilio";
import { systemDb } from "../../tenant/system-scope";
import { insertEvents, insertTurns, insertUsage, type CallRow } from "./call-record-sql";

async function liveCall(name: string) {
  const t = await tenantWithNumber(name);
  const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, status: "IN_PROGRESS", answeredAt: new Date() });
  return { tenantId: t.tenant.id, call, db: systemDb(t.tenant.id, "voice-call").db };
}

const to = <T>(c: { tenantId: string; call: { id: string } }, row: T): CallRow<T> => ({ scope: { tenantId: c.tenantId }, callId: c.call.id, row });

describe("call record SQL", () => {
  it("writes turns, events and usage that read back as Prisma writes them", async () => {
    const a = await liveCall("Record SQL A");
    const b = await liveCall("Record SQL A2");
    await insertTurns(a.db, [to(a, {
      index: 0,
      role: "AGENT",
      text: "We open at nine, it's \"early\".",
      heardText: "We open",
      interrupted: true,
      startMs: 120.4,
      endMs: 2310.6,
      latency: { endpointMs: 300, sttMs: 150, llmMs: 310.4, ttsMs: 120, platformMs: 3, totalMs: 883 },
    }),
      to(a, { index: 1, role: "TOOL", text: "take_message", toolName: "take_message", toolArgs: { name: "Ann", nested: { n: 1 } }, toolResult: { ok: true, data: { saved: [1, 2] } }, startMs: 3000, endMs: 3100 }),
      // another tenant's call in the same statement: each row goes to its own
      to(b, { index: 0, role: "AGENT", text: "Hello from B", startMs: 0, endMs: 10 }),
    ]);
    await insertTurns(a.db, [to(a, { index: 2, role: "CALLER", text: "", understood: false, startMs: 4000, endMs: 4500 })]);
    const at = new Date("2026-03-29T01:30:00.123Z"); // a DST change in Europe: stored as the UTC instant
    await insertEvents(a.db, [
      to(a, { type: "barge_in", payload: { speechMs: 200, heardText: "We open" }, at }),
      to(a, { type: "endpoint", payload: undefined, at: new Date(at.getTime() + 5) }),
    ]);
    const period = new Date("2026-03-01T00:00:00.000Z");
    await insertUsage(a.db, [
      to(a, { kind: "LLM_INPUT_TOKENS", model: "gpt-4o-mini", quantity: 1234, costMicros: 185, periodStart: period, occurredAt: at }),
      to(a, { kind: "STT_SECONDS", model: null, quantity: 2.75, costMicros: 0, periodStart: period, occurredAt: at }),
    ]);
    await insertUsage(a.db, []);

    const db = getDb();
    const turns = await db.callTurn.findMany({ where: { callId: a.call.id }, orderBy: { index: "asc" } });
    expect(turns.map((t) => t.tenantId)).toEqual([a.tenantId, a.tenantId, a.tenantId]);
    expect(turns[0]).toMatchObject({ role: "AGENT", text: "We open at nine, it's \"early\".", heardText: "We open", interrupted: true, startMs: 120, endMs: 2311, endpointLatencyMs: 300, sttLatencyMs: 150, llmLatencyMs: 310, ttsLatencyMs: 120, totalLatencyMs: 883, toolArgs: null, understood: null });
    expect(turns[0]!.id).toMatch(/^[a-z][a-z0-9]{23}$/);
    expect(turns[1]).toMatchObject({ role: "TOOL", toolName: "take_message", toolArgs: { name: "Ann", nested: { n: 1 } }, toolResult: { ok: true, data: { saved: [1, 2] } }, interrupted: false, totalLatencyMs: null });
    expect(turns[2]).toMatchObject({ role: "CALLER", text: "", understood: false });
    expect(await db.callTurn.findMany({ where: { callId: b.call.id }, select: { tenantId: true, text: true } })).toEqual([{ tenantId: b.tenantId, text: "Hello from B" }]);

    const events = await db.callEvent.findMany({ where: { callId: a.call.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.type, e.payload, e.at.toISOString()])).toEqual([
      ["barge_in", { speechMs: 200, heardText: "We open" }, "2026-03-29T01:30:00.123Z"],
      ["endpoint", null, "2026-03-29T01:30:00.128Z"],
    ]);
    const usage = await db.usageRecord.findMany({ where: { callId: a.call.id } });
    const byKind = usage.map((u) => [u.kind, u.model, u.quantity, u.costMicros, u.periodStart.toISOString(), u.occurredAt.toISOString()]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(byKind).toEqual([
      ["LLM_INPUT_TOKENS", "gpt-4o-mini", 1234, 185, "2026-03-01T00:00:00.000Z", "2026-03-29T01:30:00.123Z"],
      ["STT_SECONDS", null, 2.75, 0, "2026-03-01T00:00:00.000Z", "2026-03-29T01:30:00.123Z"],
    ]);
  });

  it("refuses a row for another tenant's call, and the statement holding it writes nothing", async () => {
    const a = await liveCall("Record SQL B");
    const b = await liveCall("Record SQL C");
    // a's tenant with b's call: the composite key refuses it, and a's own row in the same statement is not written either
    const forged = { tenantId: a.tenantId, call: b.call };
    await expect(insertTurns(a.db, [to(a, { index: 0, role: "AGENT", text: "ok", startMs: 0, endMs: 1 }), to(forged, { index: 0, role: "AGENT", text: "x", startMs: 0, endMs: 1 })])).rejects.toThrow();
    await expect(insertEvents(a.db, [to(forged, { type: "endpoint", payload: null, at: new Date() })])).rejects.toThrow();
    await expect(insertUsage(a.db, [to(forged, { kind: "CALL_SECONDS", model: null, quantity: 1, costMicros: 0, periodStart: new Date(), occurredAt: new Date() })])).rejects.toThrow();
    const db = getDb();
    expect(await db.callTurn.count({ where: { callId: { in: [a.call.id, b.call.id] } } })).toBe(0);
    expect(await db.callEvent.count({ where: { callId: b.call.id } })).toBe(0);
    expect(await db.usageRecord.count({ where: { callId: b.call.id } })).toBe(0);
  });
});
