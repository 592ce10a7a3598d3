// A call's cost stored when it ends, by each way a call ends (the voice server's end write, Twilio's
// final status callback, the lost-call reaper), and served by the calls API.
import pino from "pino";
import { beforeAll, describe, expect, inject, it } from "vitest";
import * as collection from "@/app/api/v1/calls/route";
import * as item from "@/app/api/v1/calls/[id]/route";
import * as status from "@/app/api/twilio/status/route";
import { createDb, getDb } from "../db/client";
import { createCallPersistence } from "../calls/live/call-persistence";
import { reapLostCalls } from "../calls/live/reaper";
import { apiRequest, createTestCall, json, params } from "../test/factories";
import { callSid, tenantWithNumber, twilioRequest, voiceParams } from "../test/twilio";
import { systemDb } from "../tenant/system-scope";
import { localResponderProvider } from "../providers/responder/local/responder";
import { createCallRuntime } from "@/server/voice/call-runtime";
import type { UsageSources } from "./call-cost";
import { priceCall } from "./price-call";

const logger = pino({ level: "silent" });
const VENDORS: UsageSources = {
  llm: { provider: "openai", model: "gpt-4o-mini" },
  stt: { provider: "openai", model: "gpt-4o-mini-transcribe" },
  tts: { provider: "elevenlabs", model: "eleven_flash_v2_5" },
};

let t: Awaited<ReturnType<typeof tenantWithNumber>>;
beforeAll(async () => {
  t = await tenantWithNumber("Costed calls");
});

const row = (id: string) => getDb().call.findUniqueOrThrow({ where: { id }, include: { usage: { orderBy: { kind: "asc" } } } });

describe("call cost", () => {
  it("is stored when the voice server ends the call, each record costed, and served by the calls API", async () => {
    const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, provider: "TWILIO", status: "IN_PROGRESS", answeredAt: new Date(), metadata: { usageSources: VENDORS } });
    const db = systemDb(t.tenant.id, "voice-call").db;
    const p = createCallPersistence({ db, tenantId: t.tenant.id, callId: call.id, startedAt: new Date(), logger, usageSources: VENDORS });
    p.usage("STT_SECONDS", 30); // 1,500 µ$
    p.usage("LLM_INPUT_TOKENS", 20_000); // 3,000 µ$
    p.usage("LLM_OUTPUT_TOKENS", 5_000); // 3,000 µ$
    p.usage("TTS_CHARACTERS", 600); // 30,000 µ$
    p.turn({ index: 0, role: "AGENT", text: "We open at nine.", startMs: 0, endMs: 1200 });
    p.usage("CALL_SECONDS", 90.2); // 2 started minutes on Twilio: 17,000 µ$
    p.ended("CALLER_HANGUP", 90_200);
    await p.flush();

    const done = await row(call.id);
    // 54,500 µ$ → 5 cents: llm 0.6, stt 0.15, tts 3, telephony 1.7 → floors 0+0+3+1, the 5th to telephony's larger rest.
    expect(done.costCents).toBe(5);
    expect(done.costBreakdown).toMatchObject({ llmCents: 0, sttCents: 0, ttsCents: 3, telephonyCents: 2, pricesAsOf: expect.any(String) });
    expect(Object.fromEntries(done.usage.map((u) => [u.kind, u.costMicros]))).toEqual({
      CALL_SECONDS: 17_000,
      STT_SECONDS: 1_500,
      TTS_CHARACTERS: 30_000,
      LLM_INPUT_TOKENS: 3_000,
      LLM_OUTPUT_TOKENS: 3_000,
    });

    const detail = await json(await item.GET(apiRequest("GET", `/api/v1/calls/${call.id}`, { cookie: t.user.cookie }), params({ id: call.id })));
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({ costCents: 5, costBreakdown: { llmCents: 0, ttsCents: 3, telephonyCents: 2 } });
    expect(detail.body.data.costBreakdown.lines).toContainEqual(expect.objectContaining({ kind: "TTS_CHARACTERS", provider: "elevenlabs", model: "eleven_flash_v2_5", quantity: 600, micros: 30_000 }));
    expect(detail.body.data.usage).toContainEqual(expect.objectContaining({ kind: "CALL_SECONDS", model: null, costMicros: 17_000 }));
    const list = await json(await collection.GET(apiRequest("GET", "/api/v1/calls", { cookie: t.user.cookie })));
    expect(list.body.data.find((c: { id: string }) => c.id === call.id)).toMatchObject({ costCents: 5 });

    // Costing again (a late status callback) changes nothing it has already written.
    await priceCall(db, call.id);
    expect((await row(call.id)).costCents).toBe(5);
  });

  it("records at connect who produces the call's usage, and costs the call when the runtime ends it", async () => {
    const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, direction: "WEB", status: "QUEUED" });
    // A chat needs no speech or storage: the runtime never touches them for text.
    const runtime = createCallRuntime({ db: getDb(), logger, speech: {} as never, responders: localResponderProvider, storage: {} as never, serverId: `vs-${call.id}` });
    const chat = await runtime.openTextCall({ callId: call.id, browser: { tenantId: t.tenant.id, agentId: t.agent.id } });
    await chat.start();
    chat.hangup();
    await runtime.stop();
    const done = await row(call.id);
    // No keys in the test environment: every capability is the local one, so the call costs nothing.
    expect(done.metadata).toMatchObject({ usageSources: { llm: { provider: "local" }, stt: { provider: "local" }, tts: { provider: "local" } } });
    expect(done).toMatchObject({ status: "COMPLETED", costCents: 0, costBreakdown: { telephonyCents: 0, lines: expect.arrayContaining([expect.objectContaining({ provider: "web", micros: 0 })]) } });
  });

  it("is costed again from Twilio's billed duration, and a call refused before any stream costs its minutes", async () => {
    const sid = callSid();
    const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, provider: "TWILIO", providerCallId: sid, status: "COMPLETED", durationSec: 0 });
    const res = await status.POST(twilioRequest("/api/twilio/status", { ...voiceParams(t.number.e164, sid), CallStatus: "completed", CallDuration: "125" }));
    expect(res.status).toBe(200);
    const done = await row(call.id);
    // 125 s → 3 started minutes × $0.0085 = 25,500 µ$ → 3 cents, all telephony.
    expect(done).toMatchObject({ durationSec: 125, costCents: 3, costBreakdown: { telephonyCents: 3 } });
    expect((done.costBreakdown as { lines: unknown[] }).lines).toEqual([expect.objectContaining({ provider: "twilio", quantity: 3, unitPriceMicros: 8_500, micros: 25_500 })]);
  });

  it("is stored for a call its voice server lost, from the usage written before the crash", async () => {
    const server = `vs-cost-${callSid()}`;
    const call = await createTestCall(t.tenant.id, {
      agentId: t.agent.id,
      provider: "TWILIO",
      status: "IN_PROGRESS",
      answeredAt: new Date(Date.now() - 45_000),
      heartbeatAt: new Date(),
      voiceServerId: server,
      metadata: { usageSources: { ...VENDORS, llm: { provider: "openai", model: "gpt-7" } } },
    });
    const db = systemDb(t.tenant.id, "voice-call").db;
    await db.usageRecord.create({ data: { callId: call.id, kind: "LLM_OUTPUT_TOKENS", quantity: 1_000, periodStart: new Date("2026-12-01T00:00:00Z") } });
    expect(await reapLostCalls({ voiceServerId: server })).toBe(1);
    const done = await row(call.id);
    // An unknown model is costed as gpt-4o ($10/1M out: 10,000 µ$) with a warning, plus one Twilio minute (8,500 µ$).
    expect(done).toMatchObject({ endedReason: "SERVER_LOST", costCents: 2, costBreakdown: { llmCents: 1, telephonyCents: 1, warnings: [expect.stringContaining('"gpt-7"')] } });
    expect(done.usage[0]!.costMicros).toBe(10_000);
  });

  it("is stored when every database connection stays busy past Prisma's default 2 s wait (calls ending together)", async () => {
    const call = await createTestCall(t.tenant.id, { agentId: t.agent.id, provider: "TWILIO", status: "COMPLETED", durationSec: 30, metadata: { usageSources: VENDORS } });
    // A pool of one, held by another transaction for 2.5 s: the costing has to queue behind it.
    const one = createDb(inject("databaseUrl"), { max: 1 });
    try {
      let holding!: () => void;
      const holds = new Promise<void>((resolve) => (holding = resolve));
      const held = one.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        holding();
        await new Promise((r) => setTimeout(r, 2500));
      }, { timeout: 10_000 });
      // Once it holds the connection: after a fixed 100 ms it might not yet on a busy machine, and the
      // costing then took the connection first and proved nothing.
      await holds;
      const cost = await priceCall(systemDb(t.tenant.id, "voice-call", one).db, call.id);
      await held;
      expect(cost?.totalCents).toBe(1); // one Twilio minute: 8,500 µ$
      expect((await row(call.id)).costCents).toBe(1);
    } finally {
      await one.$disconnect();
    }
  });
});
