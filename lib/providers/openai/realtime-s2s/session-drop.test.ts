// A tool call in flight when the Realtime socket drops keeps running, and its answer is not lost: the
// reopened socket is told the call (and its output, if it finished meanwhile), the output goes over as
// a function_call_output item, a response is asked for, and the caller hears it. Against the local
// Realtime server, with a take_message whose save the test holds.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { FakeActions, PlayoutSink, RecordingObserver } from "../../../conversation/testing/fakes";
import { testProfile } from "../../../conversation/testing/harness";
import type { ControllableCallSession } from "../../../conversation/types";
import { FakeOpenAiS2s, sayExactlyLine, type S2sFakeConnection } from "../../../test/fakes/openai-realtime-s2s";
import { createRealtimeSession, openRealtimeLine } from "./line";
import { LOST_LINE } from "./recovery";
import { until } from "../../../test/wait";

const GREETING = "Hello, thanks for calling Acme Dental. How can I help?";
const NOTING = "Let me note that.";
const ANSWER = "Done, your message is on its way.";

let fake: FakeOpenAiS2s;
const open: ControllableCallSession[] = [];

beforeAll(async () => {
  fake = await FakeOpenAiS2s.start();
  fake.reply = (req) => {
    const line = sayExactlyLine(req.instructions);
    if (line) return { say: line };
    if (req.transcript?.includes("message")) return { say: NOTING, tool: { name: "take_message", arguments: { callerName: "Ann Lee", callbackNumber: "555 123 4567", message: "Call me back" } } };
    return { say: ANSWER };
  };
});

afterEach(() => {
  for (const session of open.splice(0)) session.close();
});

afterAll(async () => {
  await fake?.close();
});


/** A call whose take_message save is held, on a clock the test moves, listening after the greeting. */
async function callTakingAMessage() {
  const clock = { t: 0 };
  const now = () => clock.t;
  const sink = new PlayoutSink(now);
  const observer = new RecordingObserver(now);
  const actions = new FakeActions();
  actions.holdSave = true;
  const line = await openRealtimeLine({ apiKey: fake.apiKey, baseURL: fake.baseURL, voice: "cedar" });
  const first = fake.last;
  const session = createRealtimeSession({ callId: "call_1", profile: testProfile(), mode: "normal", sink, observer, actions, now }, line);
  open.push(session);
  sink.markPlayed = (id) => session.markPlayed(id);
  const samples = () => sink.log.reduce((n, e) => n + (e.type === "audio" ? e.samples : 0), 0);
  const playAll = () => {
    clock.t += 60_000;
    sink.play();
  };
  session.start();
  await until(() => samples() === GREETING.length * fake.msPerChar * 8, "the greeting's audio");
  playAll();
  await until(() => session.state === "listening", "listening after the greeting");
  first.callerSays("Please take a message", { startMs: 1000, endMs: 2000 });
  await until(() => observer.eventsOf("tool.started").length === 1, "take_message running");
  playAll(); // "Let me note that." heard in full while the tool runs
  return { session, sink, observer, actions, first, samples, playAll };
}

type Json = Record<string, unknown>;
const itemsOf = (conn: S2sFakeConnection) => conn.of("conversation.item.create").map((e) => e.item as Json);
const callIdOf = (conn: S2sFakeConnection) => itemsOf(conn).find((i) => i.type === "function_call")?.call_id;
/** The instructions of each response.create: undefined when the model answers, the line when it says one of ours. */
const asked = (conn: S2sFakeConnection) => conn.of("response.create").map((e) => (e.response as Json).instructions);

it("a tool running when the socket drops has its output sent on the reopened socket and answered", async () => {
  const c = await callTakingAMessage();
  const connections = fake.connections.length;
  c.first.drop();
  await until(() => fake.connections.length === connections + 1 && itemsOf(fake.last).length >= 4, "the reopened socket told the conversation");
  const second = fake.last;
  const callId = callIdOf(second);
  // The history holds the call the model made, its words before it; no output yet, so nothing is asked for.
  expect(itemsOf(second)).toEqual([
    { type: "message", role: "assistant", content: [{ type: "output_text", text: GREETING }] },
    { type: "message", role: "user", content: [{ type: "input_text", text: "Please take a message" }] },
    { type: "message", role: "assistant", content: [{ type: "output_text", text: NOTING }] },
    { type: "function_call", call_id: expect.stringMatching(/^call_/), name: "take_message", arguments: expect.stringContaining("Ann Lee") },
  ]);
  expect(second.of("response.create")).toEqual([]);
  expect(c.first.of("conversation.item.create").filter((e) => (e.item as Json).type === "function_call_output")).toEqual([]);

  c.actions.finishSave();
  await until(() => second.of("response.create").length === 1, "the answer asked for on the new socket");
  const sent = second.received.map((e) => (e.type === "conversation.item.create" ? `item:${String((e.item as Json).type)}` : String(e.type)));
  expect(sent.slice(-2)).toEqual(["item:function_call_output", "response.create"]);
  expect(itemsOf(second).at(-1)).toEqual({ type: "function_call_output", call_id: callId, output: expect.stringContaining("msg_1") });
  expect(asked(second)).toEqual([undefined]); // the model answers the output: no "lost you" line

  await until(() => c.samples() === (GREETING + NOTING + ANSWER).length * fake.msPerChar * 8, "the answer's audio");
  c.playAll();
  await until(() => c.observer.turns.some((t) => t.role === "AGENT" && t.text === ANSWER), "the answer heard");
  expect(c.observer.turns.map((t) => [t.role, t.text])).toEqual([
    ["AGENT", GREETING],
    ["CALLER", "Please take a message"],
    ["AGENT", NOTING],
    ["TOOL", "take_message"],
    ["AGENT", ANSWER],
  ]);
  expect(c.actions.messages).toHaveLength(1);
  expect(c.observer.eventsOf("provider.fault").map((e) => e.payload)).toEqual([{ provider: "openai", capability: "s2s", error: expect.stringContaining("1006"), action: "reconnect" }]);
  expect(c.session.state).toBe("listening");
});

it("a tool that finishes while the socket is being reopened has its output replayed and answered", async () => {
  const c = await callTakingAMessage();
  // The save completes the moment the drop is noticed, before the new socket can be open.
  const event = c.observer.event.bind(c.observer);
  c.observer.event = (type, payload) => {
    event(type, payload);
    if (type === "provider.fault") c.actions.finishSave();
  };
  const connections = fake.connections.length;
  c.first.drop();
  await until(() => fake.connections.length === connections + 1 && fake.last.of("response.create").length === 1, "the answer asked for on the new socket");
  const second = fake.last;
  expect(itemsOf(second).slice(-2)).toEqual([
    { type: "function_call", call_id: expect.stringMatching(/^call_/), name: "take_message", arguments: expect.stringContaining("Ann Lee") },
    { type: "function_call_output", call_id: callIdOf(second), output: expect.stringContaining("msg_1") },
  ]);
  expect(second.received.at(-1)?.type).toBe("response.create");
  expect(asked(second)).toEqual([undefined]);
  await until(() => c.samples() === (GREETING + NOTING + ANSWER).length * fake.msPerChar * 8, "the answer's audio");
  c.playAll();
  await until(() => c.observer.turns.some((t) => t.role === "AGENT" && t.text === ANSWER), "the answer heard");
  expect(c.observer.turns.filter((t) => t.text === LOST_LINE)).toEqual([]);
});
