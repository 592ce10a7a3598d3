// The dashboard's test call and chat through the real parts: the app's route creates the WEB call and
// mints the token, a WebSocket client plays the browser against a real in-process voice server
// (browser transport, shared pacer, engine, Silero VAD, Sphinx grammar STT, espeak TTS, local
// responder, persistence). Plus the refusals: another tenant's agent, a disabled agent, a foreign
// origin, a token used for another tenant's call, and protocol violations.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as testCallRoute from "../../../app/api/v1/agents/[id]/test-call/route";
import { resample } from "../../../lib/audio/resample";
import { getDb } from "../../../lib/db/client";
import { getResponderProvider } from "../../../lib/providers/responder";
import { closeSpeechProviders, getSpeechProviders } from "../../../lib/providers/speech";
import { getStorage } from "../../../lib/providers/storage";
import { apiRequest, createTestCall, json, ORIGIN, params } from "../../../lib/test/factories";
import { callerPcm } from "../../../lib/test/fixtures/speech";
import { tenantWithNumber } from "../../../lib/test/twilio";
import { encodeAudio } from "./protocol";
import { createCallRuntime, type CallRuntime } from "../call-runtime";
import { createVoiceHttpServer, type VoiceHttpServer } from "../http-server";
import { createPacer } from "../pacer";
import { createUpgradeRoutes } from "../upgrade-routes";

const logger = pino({ level: "silent" });
let server: VoiceHttpServer;
let runtime: CallRuntime;
let base: string;

beforeAll(async () => {
  runtime = createCallRuntime({ db: getDb(), logger, speech: getSpeechProviders(), responders: getResponderProvider(), storage: getStorage(), serverId: "vs-browser" });
  const pacer = createPacer({ logger });
  const browser = { allowedOrigins: new Set([ORIGIN]), openCall: runtime.openCall, openTextCall: runtime.openTextCall };
  server = createVoiceHttpServer({ logger, routes: {}, upgradeRoutes: createUpgradeRoutes({ logger, pacer, openCall: runtime.openCall, browser }) });
  base = `ws://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await server?.close();
  await closeSpeechProviders();
});

type Turn = { role: string; text: string; toolName?: string };
type Msg = { type: string; turn?: Turn; id?: string; text?: string; event?: string; reason?: string };

/** The browser's side: keeps what arrives, echoes marks as a player that plays instantly would. */
class BrowserPeer {
  readonly messages: Msg[] = [];
  audioBytes = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly unexpected: Promise<{ status: number }>;

  constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) return void (this.audioBytes += (data as Buffer).length);
      const msg = JSON.parse(String(data)) as Msg;
      this.messages.push(msg);
      if (msg.type === "mark") ws.send(JSON.stringify({ type: "mark", id: msg.id }));
    });
    this.closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    this.unexpected = new Promise((resolve) => ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0 })));
    ws.on("error", () => undefined);
  }

  static open(path: string, query: Record<string, string>, origin = ORIGIN): BrowserPeer {
    return new BrowserPeer(new WebSocket(`${base}${path}?${new URLSearchParams(query)}`, { headers: { origin } }));
  }

  opened = () => new Promise<void>((resolve, reject) => (this.ws.once("open", () => resolve()), this.ws.once("error", reject)));
  send = (m: unknown) => this.ws.send(JSON.stringify(m));
  turns = (role: string) => this.messages.filter((m) => m.type === "transcript" && m.turn!.role === role).map((m) => m.turn!);

  async until(cond: () => boolean, feed?: () => void, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`not reached; got ${JSON.stringify(this.messages.filter((m) => m.type !== "mark" && m.type !== "event"))}`);
      feed?.();
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

async function startCall(cookie: string, agentId: string, mode: "voice" | "text") {
  const res = await json(await testCallRoute.POST(apiRequest("POST", `/api/v1/agents/${agentId}/test-call`, { cookie, body: { mode } }), params({ id: agentId })));
  return res as { status: number; body: { data: { callId: string; token: string; url: string }; error?: { code: string } } };
}

const silence20ms = encodeAudio(new Int16Array(320));
const weekday = [{ open: "09:00", close: "17:00" }];
const businessHours = { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday, saturday: [{ open: "10:00", close: "13:00" }], sunday: [] };

describe("a test call from the browser", () => {
  it("the caller's words are recognised and answered, the agent's audio comes back, and the call is logged as WEB", async () => {
    const t = await tenantWithNumber("Browser Dental", { greeting: "Hello, Browser Dental.", businessHours });
    const { status, body } = await startCall(t.admin.cookie, t.agent.id, "voice");
    expect(status).toBe(201);
    expect(body.data.url).toMatch(/^ws:\/\/.+\/browser\/call$/);
    expect(await getDb().call.findUniqueOrThrow({ where: { id: body.data.callId } })).toMatchObject({ direction: "WEB", status: "QUEUED", provider: "LOCAL", tenantId: t.tenant.id });

    const peer = BrowserPeer.open("/browser/call", { token: body.data.token, callId: body.data.callId });
    await peer.opened();
    peer.send({ type: "start", sampleRate: 16000 });
    await peer.until(() => peer.turns("agent").length >= 1, () => peer.ws.send(silence20ms));
    expect(peer.audioBytes).toBeGreaterThan(16000 * 2 * 0.5); // over half a second of 16 kHz greeting

    // The fixture at the browser's rate, in 20 ms worklet chunks, in real time; then the line stays open.
    const question = resample(callerPcm("what time do you open on saturday"), 8000, 16000);
    for (let at = 0; at < question.length; at += 320) {
      peer.ws.send(encodeAudio(question.subarray(at, at + 320)));
      await new Promise((r) => setTimeout(r, 20));
    }
    // The answer as it starts playing (its turn is written once heard; no need to listen to all of it).
    const answer = () => peer.messages.find((m) => m.type === "segment" && /saturday/i.test(m.text ?? ""));
    await peer.until(() => answer() !== undefined, () => peer.ws.send(silence20ms));
    expect(peer.turns("caller").map((x) => x.text)).toContain("what time do you open on saturday");
    const bytesBefore = peer.audioBytes;
    await peer.until(() => peer.audioBytes > bytesBefore + 16000 * 2 * 0.2, () => peer.ws.send(silence20ms)); // its audio flows

    peer.send({ type: "stop" });
    expect((await peer.closed).code).toBe(1000);
    const until = Date.now() + 10_000;
    let call = await getDb().call.findUniqueOrThrow({ where: { id: body.data.callId } });
    while (call.status !== "COMPLETED" && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      call = await getDb().call.findUniqueOrThrow({ where: { id: body.data.callId } });
    }
    expect(call).toMatchObject({ direction: "WEB", status: "COMPLETED", endedReason: "CALLER_HANGUP", voiceServerId: "vs-browser" });
    expect(call.metadata).toMatchObject({ channel: "voice", testedBy: t.admin.id });
    const turns = await getDb().callTurn.findMany({ where: { callId: call.id }, orderBy: { index: "asc" } });
    expect(turns.map((x) => x.role)).toEqual(expect.arrayContaining(["AGENT", "CALLER"]));
  }, 60_000);

  it("a chat with the agent answers the opening hours and is logged as a WEB chat", async () => {
    const t = await tenantWithNumber("Chat Dental", { greeting: "Hello, Chat Dental.", businessHours });
    const { body } = await startCall(t.user.cookie, t.agent.id, "text");
    expect(body.data.url).toMatch(/\/browser\/chat$/);
    const peer = BrowserPeer.open("/browser/chat", { token: body.data.token, callId: body.data.callId });
    await peer.until(() => peer.messages.some((m) => m.type === "idle"));
    expect(peer.turns("agent")[0]!.text).toBe("Hello, Chat Dental.");
    peer.send({ type: "user", text: "what time do you open on saturday" });
    await peer.until(() => peer.turns("agent").length >= 2 && peer.messages.filter((m) => m.type === "idle").length >= 2);
    expect(peer.turns("agent")[1]!.text).toMatch(/10/);
    peer.send({ type: "user", text: "" });
    expect(await peer.closed).toMatchObject({ code: 1008, reason: "bad_message" });
    const call = await getDb().call.findUniqueOrThrow({ where: { id: body.data.callId } });
    expect(call).toMatchObject({ direction: "WEB", tenantId: t.tenant.id });
    expect(call.metadata).toMatchObject({ channel: "chat" });
  }, 30_000);
});

describe("who may open a test call", () => {
  it("another tenant's agent is not found; a disabled agent is refused with AGENT_DISABLED", async () => {
    const a = await tenantWithNumber("Tenant A");
    const b = await tenantWithNumber("Tenant B");
    const foreign = await startCall(a.admin.cookie, b.agent.id, "voice");
    expect(foreign.status).toBe(404);
    const typo = await testCallRoute.POST(apiRequest("POST", `/api/v1/agents/${a.agent.id}/test-call`, { cookie: a.admin.cookie, body: { mode: "video" } }), params({ id: a.agent.id }));
    expect(typo.status).toBe(422);
    await getDb().agent.update({ where: { id: a.agent.id }, data: { enabled: false } });
    const disabled = await startCall(a.admin.cookie, a.agent.id, "text");
    expect(disabled.status).toBe(409);
    expect(disabled.body.error!.code).toBe("AGENT_DISABLED");
    expect(await getDb().call.count({ where: { tenantId: { in: [a.tenant.id, b.tenant.id] }, direction: "WEB" } })).toBe(0);
  }, 30_000);

  it("a token of tenant A cannot open tenant B's call; a foreign origin or no token never gets a socket", async () => {
    const a = await tenantWithNumber("Token A");
    const b = await tenantWithNumber("Token B");
    const { body } = await startCall(a.admin.cookie, a.agent.id, "voice");
    const theirs = await createTestCall(b.tenant.id, { agentId: b.agent.id, direction: "WEB", status: "QUEUED", provider: "LOCAL" });

    const hijack = BrowserPeer.open("/browser/call", { token: body.data.token, callId: theirs.id });
    await hijack.opened();
    hijack.send({ type: "start" });
    expect(await hijack.closed).toMatchObject({ code: 1011, reason: "open_failed" });
    const chat = BrowserPeer.open("/browser/chat", { token: body.data.token, callId: theirs.id });
    expect(await chat.closed).toMatchObject({ code: 1011, reason: "open_failed" });
    expect(await getDb().call.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "QUEUED", voiceServerId: null });

    expect(await BrowserPeer.open("/browser/call", { token: body.data.token, callId: body.data.callId }, "https://evil.example").unexpected).toEqual({ status: 403 });
    expect(await BrowserPeer.open("/browser/call", { callId: body.data.callId }).unexpected).toEqual({ status: 401 });
    expect(await BrowserPeer.open("/browser/call", { token: `${body.data.token}x`, callId: body.data.callId }).unexpected).toEqual({ status: 401 });
  }, 30_000);

  it("audio before start, then malformed input, close the socket with 1008 and a reason", async () => {
    const a = await tenantWithNumber("Protocol");
    const { body } = await startCall(a.admin.cookie, a.agent.id, "voice");
    const q = { token: body.data.token, callId: body.data.callId };
    const early = BrowserPeer.open("/browser/call", q);
    await early.opened();
    early.ws.send(silence20ms);
    expect(await early.closed).toMatchObject({ code: 1008, reason: "audio_before_start" });
    const junk = BrowserPeer.open("/browser/call", q);
    await junk.opened();
    junk.ws.send("{not json");
    expect(await junk.closed).toMatchObject({ code: 1008, reason: "bad_json" });
    // Neither opened the call: it is still waiting for its browser.
    expect(await getDb().call.findUniqueOrThrow({ where: { id: body.data.callId } })).toMatchObject({ status: "QUEUED" });
  }, 30_000);
});
