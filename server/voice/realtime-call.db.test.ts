// A REALTIME agent's call through the voice runtime against the local OpenAI Realtime (speech-to-speech)
// server: the session is configured (μ-law both ways, voice, tools, instructions), the greeting's audio
// reaches the transport byte for byte, answers and tool calls (take_message, end_call) run with their
// outputs sent back, and the Call/turn/event/usage rows are those of a cascade call; a barge-in truncates
// the playing item at exactly the acknowledged ms; a model that cannot be reached leaves the call on the cascade;
// a socket dropped mid-call is reopened with the history replayed, or the call ends with an apology.
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { encodeMulaw } from "../../lib/audio/mulaw";
import { FakeStt, FakeTts, FakeVad, PlayoutSink, Words } from "../../lib/conversation/testing/fakes";
import type { CallSession, TurnRecord } from "../../lib/conversation/types";
import { getDb } from "../../lib/db/client";
import { parseEnv } from "../../lib/env";
import { getResponderProvider } from "../../lib/providers/responder";
import { getStorage } from "../../lib/providers/storage";
import { createTestCall } from "../../lib/test/factories";
import { FakeOpenAiS2s, type ReplyPlan, type ResponseRequest } from "../../lib/test/fakes/openai-realtime-s2s";
import { tenantWithNumber } from "../../lib/test/twilio";
import { createCallRuntime, type CallRuntime } from "./call-runtime";
import { until as waitUntil } from "../../lib/test/wait";

let fake: FakeOpenAiS2s;
let runtime: CallRuntime;
const words = new Words();
let debug = () => "";

beforeAll(async () => {
  fake = await FakeOpenAiS2s.start();
  runtime = createCallRuntime({
    db: getDb(),
    logger: pino({ level: "silent" }),
    speech: { vad: { name: "fake", createStream: () => new FakeVad() }, stt: { name: "fake", createStream: async () => new FakeStt(words) }, tts: new FakeTts() },
    responders: getResponderProvider(parseEnv({ ...process.env, LLM_PROVIDER: "local" })),
    storage: getStorage(),
    serverId: "vs-s2s",
    realtime: { apiKey: fake.apiKey, baseURL: fake.baseURL, model: "gpt-realtime" },
  });
});

afterAll(async () => {
  await runtime?.stop();
  await fake?.close();
});

/** The shared poll, with what the line saw when it times out. */
const until = (cond: () => boolean, what: string) => waitUntil(cond, what, { detail: debug });

/** A browser call on a REALTIME agent, with a transport that plays on a clock the test moves. */
async function realtimeCall(name: string) {
  const t = await tenantWithNumber(name, {
    greeting: "Hello, thanks for calling. How can I help?",
    conversationEngine: "REALTIME",
    realtimeVoice: "cedar",
    tools: ["TAKE_MESSAGE", "END_CALL"],
  });
  const call = await createTestCall(t.tenant.id, { direction: "WEB", status: "QUEUED", agentId: t.agent.id });
  const clock = { t: 0 };
  const sink = new PlayoutSink(() => clock.t);
  const bytes: number[] = [];
  const audio = sink.audio.bind(sink);
  sink.audio = (id, pcm) => {
    bytes.push(...encodeMulaw(pcm));
    audio(id, pcm);
  };
  const turns: TurnRecord[] = [];
  const live: string[] = [];
  const connections = fake.connections.length;
  const session: CallSession = await runtime.openCall({ callId: call.id, browser: { tenantId: t.tenant.id, agentId: t.agent.id } }, sink, {
    turn: (x) => turns.push(x),
    event: (type, payload) => live.push(type === "state.changed" ? `state:${String(payload?.state)}` : type),
  });
  sink.markPlayed = (id) => session.markPlayed(id);
  const conn = fake.connections.length > connections ? fake.last : null;
  /** Everything sent so far is heard. */
  const playAll = () => {
    clock.t += 60_000;
    sink.play();
  };
  const samples = () => sink.log.reduce((n, e) => n + (e.type === "audio" ? e.samples : 0), 0);
  return { t, call, sink, session, conn, turns, live, bytes, clock, playAll, samples };
}

const agentTurns = (turns: TurnRecord[]) => turns.filter((x) => x.role === "AGENT");

it("greets, answers, runs take_message and end_call, and stores the call like a cascade call", async () => {
  fake.reply = (req: ResponseRequest): ReplyPlan => {
    if (req.instructions) return { say: req.instructions.match(/"([^"]*)"/)?.[1] ?? "?" };
    if (req.origin === "client") return { say: "Done, we will call you back.", usage: { input_tokens: 300, output_tokens: 60 } };
    if (req.transcript?.includes("hours")) return { say: "We are open nine to five." };
    if (req.transcript?.includes("message")) return { say: "Let me note that.", tool: { name: "take_message", arguments: { callerName: "Ann Lee", callbackNumber: "555 123 4567", message: "Call me back" } } };
    return { say: "Goodbye!", tool: { name: "end_call", arguments: {} } };
  };
  const c = await realtimeCall("S2S Dental");
  debug = () => JSON.stringify({ samples: c.samples(), turns: c.turns, state: c.session.state, rx: c.conn?.received.map((e) => e.type) });
  const conn = c.conn!;
  expect(conn.url).toMatch(/^\/v1\/realtime\?model=gpt-realtime$/);
  expect(conn.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  c.session.start();
  await until(() => c.samples() === 42 * 20 * 8, "the greeting's audio");
  expect(conn.updates[0]).toMatchObject({
    type: "realtime",
    instructions: expect.stringContaining("S2S Dental"),
    audio: { input: { format: { type: "audio/pcmu" }, turn_detection: { type: "server_vad" } }, output: { format: { type: "audio/pcmu" }, voice: "cedar" } },
    tools: [expect.objectContaining({ type: "function", name: "take_message" }), expect.objectContaining({ type: "function", name: "end_call" })],
  });
  expect(conn.of("response.create")[0]).toMatchObject({ response: { instructions: expect.stringContaining("Hello, thanks for calling. How can I help?") } });
  expect(new Set(c.bytes)).toEqual(new Set([0x55])); // the model's μ-law, unchanged
  expect(c.session.state).toBe("greeting");
  c.playAll();
  await until(() => c.session.state === "listening", "listening after the greeting");

  conn.callerSays("What are your hours?", { startMs: 1000, endMs: 2200 });
  let said = 42;
  const spoken = (text: string) => (said += text.length) * fake.msPerChar * 8;
  const answered = spoken("We are open nine to five.");
  await until(() => c.samples() === answered, "the answer");
  c.playAll();
  await until(() => agentTurns(c.turns).length === 2, "the answer heard");

  conn.callerSays("Please take a message", { startMs: 4000, endMs: 5000 });
  const noted = spoken("Let me note that.Done, we will call you back.");
  await until(() => c.samples() === noted, "the answer after the tool output");
  const output = conn.of("conversation.item.create").find((e) => (e.item as { type: string }).type === "function_call_output");
  expect(output).toMatchObject({ item: { call_id: expect.stringMatching(/^call_/), output: expect.stringContaining("messageId") } });
  c.playAll();
  await until(() => agentTurns(c.turns).length === 4, "the tool's reply heard");

  conn.callerSays("That's all, bye", { startMs: 8000, endMs: 8600 });
  const byeSaid = spoken("Goodbye!");
  await until(() => c.samples() === byeSaid, "the goodbye");
  // The end_call tool has run (its output went back to the model: a fixed 20 ms did not promise that on
  // a busy machine), and the call did not hang up on it before the goodbye was heard.
  const toolOutputs = () => conn.of("conversation.item.create").filter((e) => (e.item as { type: string }).type === "function_call_output");
  await until(() => toolOutputs().length === 2, "the end_call tool's output");
  await new Promise((r) => setTimeout(r, 20)); // a hang-up acted on at once would show by now
  expect(c.sink.count("hangup")).toBe(0);
  c.playAll();
  await until(() => c.sink.count("hangup") === 1, "hang-up after the goodbye");
  await runtime.stop();

  const db = getDb();
  const call = await db.call.findUniqueOrThrow({ where: { id: c.call.id } });
  expect(call).toMatchObject({ status: "COMPLETED", endedReason: "AGENT_HANGUP" });
  expect((call.metadata as { usageSources: unknown }).usageSources).toMatchObject({ llm: { provider: "openai", model: "gpt-realtime" } });
  const turns = await db.callTurn.findMany({ where: { callId: c.call.id }, orderBy: { index: "asc" } });
  expect(turns.map((x) => [x.role, x.text])).toEqual([
    ["AGENT", "Hello, thanks for calling. How can I help?"],
    ["CALLER", "What are your hours?"],
    ["AGENT", "We are open nine to five."],
    ["CALLER", "Please take a message"],
    ["TOOL", "take_message"],
    ["AGENT", "Let me note that."],
    ["AGENT", "Done, we will call you back."],
    ["CALLER", "That's all, bye"],
    ["TOOL", "end_call"],
    ["AGENT", "Goodbye!"],
  ]);
  const messages = await db.message.findMany({ where: { callId: c.call.id } });
  expect(messages).toHaveLength(1);
  const usage = await db.usageRecord.findMany({ where: { callId: c.call.id } });
  const total = (kind: string) => usage.filter((u) => u.kind === kind).reduce((n, u) => n + u.quantity, 0);
  expect(total("LLM_INPUT_TOKENS")).toBe(120 * 4 + 300);
  expect(total("LLM_OUTPUT_TOKENS")).toBe(40 * 4 + 60);
  expect(total("CALL_SECONDS")).toBeGreaterThan(0);
  const events = await db.callEvent.findMany({ where: { callId: c.call.id }, orderBy: { at: "asc" } });
  const types = events.map((e) => e.type);
  expect(types).toEqual(["call.started", "tool.started", "tool.finished", "tool.started", "tool.finished", "call.ended"]);
  // Live only: the states a cascade call goes through, and the caller's speech.
  expect(c.live.filter((x) => x.startsWith("state:"))).toEqual(expect.arrayContaining(["state:greeting", "state:listening", "state:thinking", "state:speaking", "state:ended"]));
  expect(c.live).toContain("caller.speech_started");
  expect(events.find((e) => e.type === "call.ended")?.payload).toEqual({ reason: "AGENT_HANGUP" });
});

it("a barge-in clears the line and truncates the playing item at the acknowledged ms", async () => {
  fake.deltaBytes = 1600; // 200 ms deltas: segments of exactly 200 ms
  fake.reply = (req) => ({ say: req.instructions?.match(/"([^"]*)"/)?.[1] ?? "Okay." });
  const c = await realtimeCall("S2S Barge");
  const conn = c.conn!;
  c.session.start();
  await until(() => c.samples() === 42 * 20 * 8, "the greeting's audio"); // 840 ms
  const greetingItem = [...conn.itemAudioMs.keys()][0]!;
  c.clock.t = 400;
  c.sink.play(); // two 200 ms marks echoed
  expect(c.sink.played).toHaveLength(2);

  conn.speechStarted(380);
  await until(() => conn.of("conversation.item.truncate").length === 1, "the truncate");
  expect(conn.of("conversation.item.truncate")[0]).toMatchObject({ item_id: greetingItem, content_index: 0, audio_end_ms: 400 });
  expect(c.sink.count("clear")).toBe(1);
  await until(() => agentTurns(c.turns).length === 1, "the cut turn");
  // 400 of 840 ms heard: the first 47% of the words, cut back to a word boundary.
  expect(agentTurns(c.turns)[0]).toMatchObject({ text: "Hello, thanks for calling. How can I help?", interrupted: true, heardText: "Hello, thanks for" });
  c.session.close();
  await runtime.stop();
  fake.deltaBytes = 1000;

  const events = await getDb().callEvent.findMany({ where: { callId: c.call.id, type: "barge_in" } });
  expect(events.map((e) => e.payload)).toEqual([{ speechMs: expect.any(Number), heardText: "Hello, thanks for" }]);
  const turn = await getDb().callTurn.findFirstOrThrow({ where: { callId: c.call.id, role: "AGENT" } });
  expect(turn).toMatchObject({ interrupted: true, heardText: "Hello, thanks for" });
});

it("a Realtime model that cannot be reached leaves the call on the cascade, with a provider.fault event", async () => {
  fake.refuseStatus = 503;
  const c = await realtimeCall("S2S Down");
  fake.refuseStatus = null;
  expect(c.conn).toBeNull();
  c.session.start();
  await until(() => c.sink.count("endSegment") > 0, "the cascade's greeting"); // FakeTts speaks it
  c.session.close();
  await runtime.stop();
  const events = await getDb().callEvent.findMany({ where: { callId: c.call.id, type: "provider.fault" } });
  expect(events.map((e) => e.payload)).toEqual([{ provider: "openai", capability: "s2s", error: expect.stringContaining("503"), action: "cascade" }]);
});

const LOST = "Sorry, I lost you for a second — could you say that again?";
const items = (conn: { of(type: string): Record<string, unknown>[] }) =>
  conn.of("conversation.item.create").map((e) => {
    const item = e.item as { role: string; content: { type: string; text: string }[] };
    return [item.role, item.content[0]?.type, item.content[0]?.text];
  });

it("a socket dropped mid-reply is reopened with the session and the history, and the call carries on", async () => {
  fake.deltaBytes = 1600; // 200 ms segments: what was heard is exact
  fake.reply = (req) => {
    if (req.instructions) return { say: req.instructions.match(/"([^"]*)"/)?.[1] ?? "?" };
    if (req.transcript?.includes("hours")) return { say: "We are open nine to five." };
    return { say: "Goodbye!", tool: { name: "end_call", arguments: {} } };
  };
  const c = await realtimeCall("S2S Flaky");
  debug = () => JSON.stringify({ samples: c.samples(), turns: c.turns, live: c.live, state: c.session.state, conns: fake.connections.length, rx: fake.last.received.map((e) => e.type) });
  const first = c.conn!;
  c.session.start();
  await until(() => c.samples() === 42 * 20 * 8, "the greeting's audio");
  c.playAll();
  await until(() => c.session.state === "listening", "listening after the greeting");
  first.callerSays("What are your hours?", { startMs: 1000, endMs: 2200 });
  await until(() => c.samples() === (42 + 25) * 20 * 8, "the answer's audio");
  c.clock.t += 400; // 400 of its 500 ms heard
  c.sink.play();
  const before = fake.connections.length;
  first.drop();
  await until(() => fake.connections.length === before + 1 && fake.last.of("response.create").length === 1, "the reopened socket's first response");
  const second = fake.last;
  expect(second.updates).toEqual([first.updates[0]]);
  expect(items(second)).toEqual([
    ["assistant", "output_text", "Hello, thanks for calling. How can I help?"],
    ["user", "input_text", "What are your hours?"],
    ["assistant", "output_text", "We are open nine to"],
  ]);
  expect(second.of("response.create")[0]).toMatchObject({ response: { instructions: expect.stringContaining(LOST) } });
  await until(() => c.samples() === (42 + 25 + LOST.length) * 20 * 8, "the lost-you line's audio");
  c.playAll();
  await until(() => c.session.state === "listening", "listening after the lost-you line");

  second.callerSays("Okay thanks, bye", { startMs: 9000, endMs: 9800 });
  await until(() => c.samples() === (42 + 25 + LOST.length + 8) * 20 * 8, "the goodbye");
  await until(() => c.turns.some((x) => x.role === "TOOL"), "end_call run");
  c.playAll();
  await until(() => c.sink.count("hangup") === 1, "hang-up after the goodbye");
  await runtime.stop();
  fake.deltaBytes = 1000;

  const db = getDb();
  expect(await db.call.findUniqueOrThrow({ where: { id: c.call.id } })).toMatchObject({ status: "COMPLETED", endedReason: "AGENT_HANGUP" });
  const turns = await db.callTurn.findMany({ where: { callId: c.call.id }, orderBy: { index: "asc" } });
  expect(turns.map((x) => [x.role, x.text, x.interrupted])).toEqual([
    ["AGENT", "Hello, thanks for calling. How can I help?", false],
    ["CALLER", "What are your hours?", false],
    ["AGENT", "We are open nine to five.", true],
    ["AGENT", LOST, false],
    ["CALLER", "Okay thanks, bye", false],
    ["TOOL", "end_call", false],
    ["AGENT", "Goodbye!", false],
  ]);
  expect(turns[2]?.heardText).toBe("We are open nine to");
  const faults = await db.callEvent.findMany({ where: { callId: c.call.id, type: "provider.fault" } });
  expect(faults.map((e) => e.payload)).toEqual([{ provider: "openai", capability: "s2s", error: expect.stringContaining("1006"), action: "reconnect" }]);
});

it("a dropped socket that cannot be reopened ends the call with the apology, heard, as an error", async () => {
  fake.reply = (req) => ({ say: req.instructions?.match(/"([^"]*)"/)?.[1] ?? "Okay." });
  fake.dropAfterEvents = 17; // session.created/updated, the greeting's item and transcript, 3 of its 7 audio deltas
  const c = await realtimeCall("S2S Gone");
  fake.dropAfterEvents = null;
  fake.refuseStatus = 503;
  c.session.start();
  await until(() => c.sink.log.some((e) => e.type === "endSegment" && e.id.startsWith("fd-apology")), "the apology in the platform's voice");
  fake.refuseStatus = null;
  expect(fake.connections.at(-1)).toBe(c.conn); // no socket was accepted after the drop
  expect(c.sink.count("hangup")).toBe(0); // not before the apology was heard
  c.playAll();
  await until(() => c.sink.count("hangup") === 1, "hang-up after the apology");
  await runtime.stop();

  const db = getDb();
  expect(await db.call.findUniqueOrThrow({ where: { id: c.call.id } })).toMatchObject({ endedReason: "PROVIDER_ERROR" });
  const turns = await db.callTurn.findMany({ where: { callId: c.call.id }, orderBy: { index: "asc" } });
  expect(turns.map((x) => [x.role, x.text, x.interrupted])).toEqual([
    ["AGENT", "Hello, thanks for calling. How can I help?", true],
    ["AGENT", "Sorry, I'm having technical trouble. Please call back a little later. Goodbye!", false],
  ]);
  const faults = await db.callEvent.findMany({ where: { callId: c.call.id, type: "provider.fault" }, orderBy: { at: "asc" } });
  expect(faults.map((e) => e.payload)).toEqual([
    { provider: "openai", capability: "s2s", error: expect.stringContaining("1006"), action: "reconnect" },
    { provider: "openai", capability: "s2s", error: expect.stringContaining("503"), action: "gave_up" },
  ]);
});
