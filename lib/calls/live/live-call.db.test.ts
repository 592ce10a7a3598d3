import pino from "pino";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { createTestCall } from "../../test/factories";
import { tenantWithNumber } from "../../test/twilio";
import { systemDb } from "../../tenant/system-scope";
import { loadAgentProfile } from "./agent-profile";
import { createCallActions } from "./call-actions";
import { createCallPersistence, type LiveCallEvent } from "./call-persistence";
import { beat, reapLostCalls } from "./reaper";

const logger = pino({ level: "silent" });

async function liveCall(name: string) {
  const t = await tenantWithNumber(name, { address: "12 Harbour Road", services: ["cleaning", "whitening"], tools: ["TAKE_MESSAGE", "END_CALL"] });
  const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, status: "IN_PROGRESS", answeredAt: new Date() });
  return { ...t, call, db: systemDb(t.tenant.id, "voice-call").db };
}

describe("agent profile", () => {
  it("carries the agent's configuration, its own and workspace-wide FAQ, never another tenant's", async () => {
    const a = await liveCall("Profile A");
    const b = await liveCall("Profile B");
    const db = getDb();
    await db.faqEntry.createMany({
      data: [
        { tenantId: a.tenant.id, agentId: a.agent.id, question: "Do you park?", answer: "Free parking behind the building." },
        { tenantId: a.tenant.id, agentId: null, question: "Do you take cards?", answer: "All major cards." },
        { tenantId: a.tenant.id, agentId: a.agent.id, question: "Hidden", answer: "Disabled entry", enabled: false },
        { tenantId: b.tenant.id, agentId: b.agent.id, question: "Other tenant", answer: "Never seen by A" },
      ],
    });
    const profile = await loadAgentProfile(a.db, a.agent.id);
    expect(profile).toMatchObject({ agentId: a.agent.id, tenantId: a.tenant.id, businessName: "Profile A", address: "12 Harbour Road", services: ["cleaning", "whitening"] });
    expect(profile!.tools.sort()).toEqual(["end_call", "take_message"]);
    expect(profile!.faq.map((f) => f.question).sort()).toEqual(["Do you park?", "Do you take cards?"]);
    expect(profile!.businessHours.monday).toEqual([{ open: "00:00", close: "24:00" }]);
    // Another tenant's agent id through A's scope is not found.
    expect(await loadAgentProfile(a.db, b.agent.id)).toBeNull();
  });
});

describe("call persistence", () => {
  it("writes turns, events and usage as they happen and closes the call once", async () => {
    const c = await liveCall("Persist");
    const published: LiveCallEvent[] = [];
    const p = createCallPersistence({ db: c.db, tenantId: c.tenant.id, callId: c.call.id, startedAt: new Date(), publish: (e) => published.push(e), logger });
    p.event("call.started");
    p.event("state.changed", { state: "speaking" });
    p.usage("TTS_CHARACTERS", 40);
    p.turn({ index: 0, role: "AGENT", text: "Hello there, how can I help?", startMs: 0, endMs: 2100 });
    p.turn({
      index: 1,
      role: "AGENT",
      text: "We open at nine and close at five.",
      heardText: "We open at nine",
      interrupted: true,
      startMs: 4000,
      endMs: 5200,
      latency: { endpointMs: 300, sttMs: 12, llmMs: 3, ttsMs: 40, platformMs: 6, totalMs: 361 },
    });
    await p.flush();
    const turns = await c.db.callTurn.findMany({ where: { callId: c.call.id }, orderBy: { index: "asc" } });
    expect(turns.map((t) => t.text)).toEqual(["Hello there, how can I help?", "We open at nine and close at five."]);
    expect(turns[1]).toMatchObject({ heardText: "We open at nine", interrupted: true, endpointLatencyMs: 300, totalLatencyMs: 361, ttsLatencyMs: 40 });
    // Written before the call ended: usage rides along with the turns.
    expect(await c.db.usageRecord.findMany({ where: { callId: c.call.id }, select: { kind: true, quantity: true } })).toEqual([{ kind: "TTS_CHARACTERS", quantity: 40 }]);
    // State changes are live only; the rest is stored.
    expect((await c.db.callEvent.findMany({ where: { callId: c.call.id } })).map((e) => e.type)).toEqual(["call.started"]);
    expect(published.map((e) => e.type)).toEqual(["call.started", "state.changed", "turn", "turn"]);
    expect(published.every((e) => e.tenantId === c.tenant.id && e.callId === c.call.id)).toBe(true);

    // The engine reports the call's seconds and its call.ended event, then ended().
    p.usage("CALL_SECONDS", 65.4);
    p.event("call.ended", { reason: "AGENT_HANGUP" });
    p.ended("AGENT_HANGUP", 65_400);
    p.ended("CALLER_HANGUP", 70_000); // a second end is ignored
    await p.flush();
    const call = await c.db.call.findUniqueOrThrow({ where: { id: c.call.id } });
    expect(call).toMatchObject({ status: "COMPLETED", endedReason: "AGENT_HANGUP", durationSec: 65 });
    const seconds = await c.db.usageRecord.findFirst({ where: { callId: c.call.id, kind: "CALL_SECONDS" } });
    expect(seconds?.quantity).toBeCloseTo(65.4);
  });

  it("never reopens a call a status callback already finished", async () => {
    const c = await liveCall("Persist final");
    await c.db.call.update({ where: { id: c.call.id }, data: { status: "FAILED", endedReason: "ERROR" } });
    const p = createCallPersistence({ db: c.db, tenantId: c.tenant.id, callId: c.call.id, startedAt: new Date(), logger });
    p.ended("AGENT_HANGUP", 1000);
    await p.flush();
    expect(await c.db.call.findUniqueOrThrow({ where: { id: c.call.id } })).toMatchObject({ status: "FAILED", endedReason: "ERROR" });
  });

  it("a failing write is logged and the next ones still land", async () => {
    const c = await liveCall("Persist failing");
    const p = createCallPersistence({ db: c.db, tenantId: c.tenant.id, callId: c.call.id, startedAt: new Date(), logger });
    p.turn({ index: 0, role: "AGENT", text: "first", startMs: 0, endMs: 1 });
    p.turn({ index: 0, role: "AGENT", text: "duplicate index fails", startMs: 0, endMs: 1 });
    p.turn({ index: 1, role: "CALLER", text: "second", startMs: 2, endMs: 3, understood: false });
    await p.flush();
    const turns = await c.db.callTurn.findMany({ where: { callId: c.call.id }, orderBy: { index: "asc" } });
    expect(turns.map((t) => [t.text, t.understood])).toEqual([
      ["first", null],
      ["second", false],
    ]);
  });
});

describe("call actions", () => {
  it("a taken message lands in the caller's workspace, linked to call and agent", async () => {
    const c = await liveCall("Actions");
    const profile = (await loadAgentProfile(c.db, c.agent.id))!;
    const actions = createCallActions({ db: c.db, callId: c.call.id, profile });
    const { messageId } = await actions.saveMessage({ callerName: "Jane Doe", callbackNumber: "+15550123456", message: "Please call back about my crown", urgency: "HIGH" });
    const row = await getDb().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(row).toMatchObject({ tenantId: c.tenant.id, callId: c.call.id, agentId: c.agent.id, callerName: "Jane Doe", urgency: "HIGH", status: "NEW", audioStartMs: null, audioEndMs: null });
    // A message kept as audio: where it was said in the call.
    const spoken = await actions.saveMessage({ callerName: "Unknown caller", callbackNumber: "5551234", message: "Spoken", urgency: "NORMAL", messageAudio: { startMs: 6100, endMs: 11_800 } });
    expect(await getDb().message.findUniqueOrThrow({ where: { id: spoken.messageId } })).toMatchObject({ audioStartMs: 6100, audioEndMs: 11_800 });
    // The database refuses half a range or one that runs backwards, whoever writes it.
    for (const data of [{ audioStartMs: 5 }, { audioStartMs: 500, audioEndMs: 100 }, { audioStartMs: -1, audioEndMs: 100 }])
      await expect(getDb().message.create({ data: { tenantId: c.tenant.id, body: "x", ...data } })).rejects.toThrow(/Message_audio_range_check|check constraint/i);
  });
});

describe("lost-call reaper", () => {
  it("closes live calls whose heartbeat stopped, at their last beat, and leaves healthy ones", async () => {
    const c = await liveCall("Reaper");
    const now = new Date();
    const answeredAt = new Date(now.getTime() - 120_000);
    const lost = await createTestCall(c.tenant.id, { status: "IN_PROGRESS", answeredAt, voiceServerId: "vs-dead", heartbeatAt: new Date(now.getTime() - 60_000) });
    const healthy = await createTestCall(c.tenant.id, { status: "IN_PROGRESS", answeredAt, voiceServerId: "vs-live", heartbeatAt: new Date(now.getTime() - 60_000) });
    await c.db.callTurn.create({ data: { callId: lost.id, index: 0, role: "CALLER", text: "said before the crash", startMs: 0, endMs: 900 } });
    await beat([healthy.id], { now });

    await reapLostCalls({ now, staleAfterMs: 30_000 });
    const [l, h] = await Promise.all([getDb().call.findUniqueOrThrow({ where: { id: lost.id } }), getDb().call.findUniqueOrThrow({ where: { id: healthy.id } })]);
    expect(l).toMatchObject({ status: "COMPLETED", endedReason: "SERVER_LOST", durationSec: 60 });
    expect(l.endedAt?.getTime()).toBe(now.getTime() - 60_000);
    expect(h.status).toBe("IN_PROGRESS");
    expect(await c.db.callTurn.count({ where: { callId: lost.id } })).toBe(1);
    expect((await c.db.callEvent.findMany({ where: { callId: lost.id } })).map((e) => e.type)).toEqual(["call.ended"]);
  });

  it("a restarted voice server closes every call it held, however fresh the beat", async () => {
    const c = await liveCall("Reaper restart");
    const mine = await createTestCall(c.tenant.id, { status: "IN_PROGRESS", answeredAt: new Date(), voiceServerId: "vs-restarted", heartbeatAt: new Date() });
    const other = await createTestCall(c.tenant.id, { status: "IN_PROGRESS", answeredAt: new Date(), voiceServerId: "vs-other", heartbeatAt: new Date() });
    expect(await reapLostCalls({ voiceServerId: "vs-restarted" })).toBe(1);
    expect((await getDb().call.findUniqueOrThrow({ where: { id: mine.id } })).endedReason).toBe("SERVER_LOST");
    expect((await getDb().call.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("IN_PROGRESS");
  });

  it("cancels a call no server ever opened (a browser test call whose page never connected) instead of calling it lost", async () => {
    const c = await liveCall("Reaper never connected");
    const now = new Date();
    const waiting = await createTestCall(c.tenant.id, { status: "QUEUED", direction: "WEB", heartbeatAt: new Date(now.getTime() - 45_000) });
    expect(await reapLostCalls({ now })).toBeGreaterThanOrEqual(1);
    const row = await getDb().call.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(row).toMatchObject({ status: "CANCELED", endedReason: null, durationSec: 0 });
    const events = await c.db.callEvent.findMany({ where: { callId: waiting.id } });
    expect(events.map((e) => e.payload)).toEqual([{ reason: "NEVER_CONNECTED", durationSec: 0 }]);
  });
});
