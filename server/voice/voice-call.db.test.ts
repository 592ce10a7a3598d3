// A whole call on the embedded default, through the real parts: Twilio's webhook (signed) answers
// TwiML, a scripted Twilio peer opens the media stream on a real voice server (transport, shared
// pacer, engine, Silero VAD, Sphinx grammar STT, espeak TTS, local responder, persistence, recording),
// speaks synthesised caller audio in real time, and the transcript and recording are then read back
// through the public API. Plus the take-message dialogue on the text transport with the real
// database, and a voice server that vanishes mid-call being closed by the reaper.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as voiceWebhook from "../../app/api/twilio/voice/route";
import * as callDetail from "../../app/api/v1/calls/[id]/route";
import * as recordingRoute from "../../app/api/v1/calls/[id]/recording/route";
import { isOpenAt } from "../../lib/agents/business-hours";
import { parseWav } from "../../lib/audio/wav";
import { createCallActions } from "../../lib/calls/live/call-actions";
import { loadAgentProfile } from "../../lib/calls/live/agent-profile";
import { createCallPersistence, type LiveCallEvent } from "../../lib/calls/live/call-persistence";
import { reapLostCalls } from "../../lib/calls/live/reaper";
import { createTextConversation } from "../../lib/conversation/text-transport";
import { getDb } from "../../lib/db/client";
import { getResponderProvider } from "../../lib/providers/responder";
import { closeSpeechProviders, getSpeechProviders } from "../../lib/providers/speech";
import { getStorage, LocalStorage, setStorage } from "../../lib/providers/storage";
import { systemDb } from "../../lib/tenant/system-scope";
import { apiRequest, json, params } from "../../lib/test/factories";
import { freePort } from "../../lib/test/free-port";
import { callerMulaw } from "../../lib/test/fixtures/speech";
import { callSid, streamParameters, tenantWithNumber, twilioRequest, voiceParams } from "../../lib/test/twilio";
import { TwilioPeer } from "../../lib/test/twilio-peer";
import { createCallRuntime, type CallRuntime } from "./call-runtime";
import { createVoiceHttpServer, type VoiceHttpServer } from "./http-server";
import { createPacer } from "./pacer";
import { createUpgradeRoutes } from "./upgrade-routes";

const logger = pino({ level: "silent" });
let dir: string;
let server: VoiceHttpServer;
let runtime: CallRuntime;
let wsUrl: string;
const published: LiveCallEvent[] = [];
const previousStorageDir = process.env.STORAGE_DIR;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "frontdesk-voice-call-"));
  process.env.STORAGE_DIR = dir; // for the voice server process the crash test starts
  setStorage(new LocalStorage(dir)); // for this process's getStorage() (the recording route)
  const pacer = createPacer({ logger });
  runtime = createCallRuntime({
    db: getDb(),
    logger,
    speech: getSpeechProviders(),
    responders: getResponderProvider(),
    storage: getStorage(),
    publish: (e) => published.push(e),
    serverId: "vs-e2e",
  });
  await runtime.start();
  server = createVoiceHttpServer({ logger, routes: {}, upgradeRoutes: createUpgradeRoutes({ logger, pacer, openCall: runtime.openCall }) });
  const port = await server.listen(0, "127.0.0.1");
  wsUrl = `ws://127.0.0.1:${port}/twilio/media-stream`;
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await server?.close();
  await closeSpeechProviders();
  if (previousStorageDir === undefined) delete process.env.STORAGE_DIR;
  else process.env.STORAGE_DIR = previousStorageDir;
  setStorage(undefined);
  await rm(dir, { recursive: true, force: true });
});

// Fixed renditions the recogniser was checked to decode (lib/test/fixtures/speech/make-fixtures.ts).
const callerAudio = async (phrase: string) => callerMulaw(phrase);

const silence = (ms: number) => new Uint8Array((ms / 20) * 160).fill(0xff);

/** Keeps the line open with silence (as a phone line does) until `cond` holds. */
async function waitOnLine(peer: TwilioPeer, cond: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until || !peer.isOpen) throw new Error(`condition not reached on the line: ${JSON.stringify((await getDb().callTurn.findMany({ orderBy: { createdAt: "desc" }, take: 6 })).map((t) => [t.role, t.text, t.understood]))}`);
    await peer.streamAudio(silence(200));
  }
}

const turnsOf = (callId: string) => getDb().callTurn.findMany({ where: { callId }, orderBy: { index: "asc" } });

describe("a phone call on the embedded default", () => {
  it("greets, answers from the agent's configuration, hangs up after the goodbye was heard; the API returns transcript and recording", async () => {
    const t = await tenantWithNumber("Harbour Dental", {
      greeting: "Thanks for calling Harbour Dental, how can I help you?",
      address: "12 Harbour Road, Portsmouth",
      tools: ["TAKE_MESSAGE", "END_CALL"],
      timezone: "Europe/London",
      businessHours: {
        monday: [{ open: "09:00", close: "17:00" }],
        tuesday: [{ open: "09:00", close: "17:00" }],
        wednesday: [{ open: "09:00", close: "17:00" }],
        thursday: [{ open: "09:00", close: "17:00" }],
        friday: [{ open: "09:00", close: "17:00" }],
        saturday: [{ open: "10:00", close: "13:00" }],
        sunday: [],
      },
    });
    // The webhook, exactly as Twilio calls it (hours are irrelevant to the refusal check: the number's agent
    // answers after hours with "take a message", which still connects the stream).
    const sid = callSid();
    // The greeting depends on the hour the suite runs at (a London evening gets the after-hours one).
    const openNow = isOpenAt(t.agent, new Date());
    const res = await voiceWebhook.POST(twilioRequest("/api/twilio/voice", voiceParams(t.number.e164, sid)));
    const p = streamParameters(await res.text());
    expect(p.callId).toBeTruthy();

    const peer = await TwilioPeer.connect({ url: wsUrl, callSid: sid, customParameters: p });
    // Greeting: an AGENT turn once its audio was heard. The first call of the suite also waits for the
    // speech models and the agent's grammar (over 20 s under the full suite on a slow 2-core machine).
    await waitOnLine(peer, async () => (await turnsOf(p.callId!)).length >= 1, 45_000);
    expect((await turnsOf(p.callId!))[0]).toMatchObject({ role: "AGENT", index: 0 });
    expect(peer.frames.length).toBeGreaterThan(50); // over a second of greeting audio arrived

    await peer.streamAudio(await callerAudio("what time do you open on saturday"));
    await waitOnLine(peer, async () => (await turnsOf(p.callId!)).some((x) => x.role === "AGENT" && /saturday/i.test(x.text) && x.index > 1));
    const afterQuestion = await turnsOf(p.callId!);
    const question = afterQuestion.find((x) => x.role === "CALLER")!;
    expect(question.text).toBe("what time do you open on saturday");
    const answer = afterQuestion.find((x) => x.role === "AGENT" && x.index > question.index)!;
    expect(answer.text).toMatch(/10 in the morning|10 AM|10:00/i);
    // Every figure of the latency breakdown was measured.
    expect(answer.endpointLatencyMs).not.toBeNull();
    expect(answer.totalLatencyMs).toBeGreaterThan(0);

    await peer.streamAudio(await callerAudio("thank you goodbye"));
    await waitOnLine(peer, () => !peer.isOpen, 20_000).catch(() => undefined);
    const closed = await peer.closed;
    expect(closed.code).toBe(1000);
    // The goodbye was heard before the socket closed: its mark came back.
    expect(peer.echoedMarks.length).toBeGreaterThan(0);

    // Wait for the end to be written (the recording is uploaded after the call ends).
    const deadline = Date.now() + 10_000;
    let call = await getDb().call.findUniqueOrThrow({ where: { id: p.callId! } });
    while ((!call.recordingKey || call.status !== "COMPLETED") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      call = await getDb().call.findUniqueOrThrow({ where: { id: p.callId! } });
    }
    expect(call).toMatchObject({ status: "COMPLETED", endedReason: "AGENT_HANGUP", voiceServerId: "vs-e2e" });

    // Read back through the API as the workspace admin.
    const detail = await json(await callDetail.GET(apiRequest("GET", `/api/v1/calls/${p.callId}`, { cookie: t.admin.cookie }), params({ id: p.callId! })));
    expect(detail.status).toBe(200);
    const texts = detail.body.data.turns.map((x: { role: string; text: string }) => `${x.role}: ${x.text}`);
    expect(texts[0]).toMatch(openNow ? /^AGENT: Thanks for calling Harbour Dental/ : /^AGENT: Thank you for calling Harbour Dental\. We're closed/);
    expect(texts).toContain("CALLER: what time do you open on saturday");
    expect(texts).toContain("CALLER: thank you goodbye");
    expect(detail.body.data.hasRecording).toBe(true);
    expect(detail.body.data.usage.map((u: { kind: string }) => u.kind)).toEqual(expect.arrayContaining(["CALL_SECONDS", "TTS_CHARACTERS", "STT_SECONDS"]));

    const rec = await recordingRoute.GET(apiRequest("GET", `/api/v1/calls/${p.callId}/recording`, { cookie: t.admin.cookie }), params({ id: p.callId! }));
    expect(rec.status).toBe(200);
    const wav = parseWav(new Uint8Array(await rec.arrayBuffer()));
    expect(wav).toMatchObject({ sampleRate: 8000, channels: 2 });
    // Both sides carry sound: the caller's questions on the left, the agent on the right.
    const energy = (ch: number) => {
      let e = 0;
      for (let i = ch; i < wav.samples.length; i += 2) e += Math.abs(wav.samples[i]!);
      return e;
    };
    expect(energy(0)).toBeGreaterThan(0);
    expect(energy(1)).toBeGreaterThan(0);

    // Live events went out for the dashboard, every one addressed to this tenant.
    const mine = published.filter((e) => e.callId === p.callId);
    expect(mine.map((e) => e.type)).toEqual(expect.arrayContaining(["call.started", "turn", "state.changed", "call.ended"]));
    expect(mine.every((e) => e.tenantId === t.tenant.id)).toBe(true);
  }, 90_000);

  it("a stream presenting another call's token is closed before any audio work", async () => {
    const t = await tenantWithNumber("Token Check");
    const sid = callSid();
    const p = streamParameters(await (await voiceWebhook.POST(twilioRequest("/api/twilio/voice", voiceParams(t.number.e164, sid)))).text());
    const peer = await TwilioPeer.connect({ url: wsUrl, callSid: callSid(), customParameters: p });
    const closed = await peer.closed;
    expect(closed.code).toBe(1008);
    expect(peer.frames).toHaveLength(0);
    expect((await getDb().call.findUniqueOrThrow({ where: { id: p.callId! } })).voiceServerId).toBeNull();
  }, 30_000);
});

describe("take a message on the text transport, real database", () => {
  it("the dialogue ends in a Message row in the caller's workspace", async () => {
    const t = await tenantWithNumber("Message Desk", { tools: ["TAKE_MESSAGE", "END_CALL"] });
    const call = await getDb().call.create({
      data: { tenantId: t.tenant.id, agentId: t.agent.id, providerCallId: callSid(), fromNumber: "+15550101234", toNumber: t.number.e164, status: "IN_PROGRESS" },
    });
    const { db } = systemDb(t.tenant.id, "voice-call");
    const profile = (await loadAgentProfile(db, t.agent.id))!;
    const persistence = createCallPersistence({ db, tenantId: t.tenant.id, callId: call.id, startedAt: new Date(), logger });
    const convo = createTextConversation({
      callId: call.id,
      profile,
      mode: "normal",
      responder: getResponderProvider().create(profile),
      actions: createCallActions({ db, callId: call.id, profile }),
      observer: persistence,
    });
    await convo.start();
    expect((await convo.say("i'd like to leave a message")).text).toMatch(/name/i);
    expect((await convo.say("my name is maria")).text).toMatch(/message/i);
    expect((await convo.say("please ask doctor lee to call me about my crown")).text).toMatch(/number/i);
    expect((await convo.say("five five five one two three four")).text).toMatch(/5 5 5, 1 2 3 4/);
    expect((await convo.say("yes")).text).toMatch(/message/i);
    await persistence.flush();
    const messages = await getDb().message.findMany({ where: { callId: call.id } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ tenantId: t.tenant.id, agentId: t.agent.id, callerPhone: "5551234", status: "NEW" });
    expect(messages[0]!.callerName?.toLowerCase()).toBe("maria");
    expect(messages[0]!.body.toLowerCase()).toContain("crown");
    const turns = await turnsOf(call.id);
    expect(turns.some((x) => x.role === "TOOL" && x.toolName === "take_message")).toBe(true);
    convo.hangup();
  }, 30_000);
});

describe("a voice server that dies mid-call", () => {
  it("loses nothing already said, and the reaper closes the call as server_lost", async () => {
    const t = await tenantWithNumber("Crash Test");
    const sid = callSid();
    const p = streamParameters(await (await voiceWebhook.POST(twilioRequest("/api/twilio/voice", voiceParams(t.number.e164, sid)))).text());
    // A real voice server process takes the call, then is killed (SIGKILL: no shutdown code runs).
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "server/voice/main.ts"], {
      env: { ...process.env, VOICE_PORT: String(port), VOICE_SERVER_ID: "vs-doomed", LOG_LEVEL: "silent", REDIS_URL: "" },
      stdio: "ignore",
    });
    try {
      const until = Date.now() + 45_000;
      for (;;) {
        const up = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
        if (up) break;
        if (Date.now() > until || child.exitCode !== null) throw new Error("voice server did not start");
        await new Promise((r) => setTimeout(r, 250));
      }
      const peer = await TwilioPeer.connect({ url: `ws://127.0.0.1:${port}/twilio/media-stream`, callSid: sid, customParameters: p });
      await waitOnLine(peer, async () => (await turnsOf(p.callId!)).length >= 1);
      child.kill("SIGKILL");
      await peer.closed;
    } finally {
      child.kill("SIGKILL");
    }
    const row = await getDb().call.findUniqueOrThrow({ where: { id: p.callId! } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", voiceServerId: "vs-doomed" });
    expect(row.heartbeatAt).not.toBeNull();
    // Still within the stale limit: nothing happens; past it, the worker's reaper closes the call.
    await reapLostCalls({ staleAfterMs: 30_000 });
    expect((await getDb().call.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("IN_PROGRESS");
    expect(await reapLostCalls({ staleAfterMs: 30_000, now: new Date(Date.now() + 31_000) })).toBeGreaterThanOrEqual(1);
    const after = await getDb().call.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "COMPLETED", endedReason: "SERVER_LOST" });
    expect((await turnsOf(row.id))[0]).toMatchObject({ role: "AGENT", index: 0 });
  }, 90_000);
});
