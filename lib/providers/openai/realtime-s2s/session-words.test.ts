// The agent's words live on a speech-to-speech call: each sentence of the model's transcript is told
// (agent.segment, sink.segmentText) once its audio is going out to the caller, as the cascade does, and
// a barge-in leaves the sentences the caller never heard untold. Against the local Realtime server,
// whose audio is 20 ms (one frame) per character: each 200 ms mark is ten characters heard.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { FakeActions, PlayoutSink, RecordingObserver } from "../../../conversation/testing/fakes";
import { testProfile } from "../../../conversation/testing/harness";
import type { ControllableCallSession } from "../../../conversation/types";
import { FakeOpenAiS2s, sayExactlyLine } from "../../../test/fakes/openai-realtime-s2s";
import { createRealtimeSession, openRealtimeLine } from "./line";
import { until } from "../../../test/wait";

const GREETING = "Hello, thanks for calling Acme Dental. How can I help?";
// Sentences start at characters 0, 26 and 55 (80 characters: 8 marks of 10).
const HOURS = ["We are open nine to five.", "On Saturdays we open at ten.", "We are closed on Sundays."];

let fake: FakeOpenAiS2s;
const open: ControllableCallSession[] = [];

beforeAll(async () => {
  fake = await FakeOpenAiS2s.start();
  fake.deltaBytes = 1600;
  fake.reply = (req) => ({ say: sayExactlyLine(req.instructions) ?? HOURS.join(" ") });
});

afterEach(() => {
  for (const session of open.splice(0)) session.close();
});

afterAll(async () => {
  await fake?.close();
});


/** A call on a clock the test moves; the sink plays out like Twilio and acknowledges marks on play(). */
async function startCall() {
  const clock = { t: 0 };
  const now = () => clock.t;
  const sink = new PlayoutSink(now);
  const observer = new RecordingObserver(now);
  const line = await openRealtimeLine({ apiKey: fake.apiKey, baseURL: fake.baseURL, voice: "cedar" });
  const conn = fake.last;
  const session = createRealtimeSession({ callId: "call_w", profile: testProfile(), mode: "normal", sink, observer, actions: new FakeActions(), now }, line);
  open.push(session);
  sink.markPlayed = (id) => session.markPlayed(id);
  const samples = () => sink.log.reduce((n, e) => n + (e.type === "audio" ? e.samples : 0), 0);
  const told = () => observer.eventsOf("agent.segment").map((e) => e.payload as { segmentId: string; text: string });
  const playTo = (t: number) => {
    clock.t = t;
    sink.play();
  };
  session.start();
  await until(() => samples() === GREETING.length * fake.msPerChar * 8, "the greeting's audio");
  return { session, sink, observer, conn, clock, samples, told, playTo };
}

it("tells each sentence of the model's words as its audio starts playing, to the live view and the sink", async () => {
  const c = await startCall();
  // The first sentence is told once its audio went out, before the caller heard any of it.
  expect(c.sink.played).toEqual([]);
  expect(c.told()).toEqual([{ segmentId: expect.stringMatching(/^item_\d+:s1$/), text: "Hello, thanks for calling Acme Dental." }]);
  const firstAudio = c.sink.log.findIndex((e) => e.type === "audio");
  const firstText = c.sink.log.findIndex((e) => e.type === "segmentText");
  expect(firstAudio).toBeGreaterThanOrEqual(0);
  expect(firstText).toBeGreaterThan(firstAudio);

  c.playTo(600); // 30 of 54 characters heard: still in the first sentence
  expect(c.told()).toHaveLength(1);
  c.playTo(800); // 40 heard: "How can I help?" (from character 39) is playing
  expect(c.told().map((s) => s.text)).toEqual(["Hello, thanks for calling Acme Dental.", "How can I help?"]);
  expect(c.told()[1]?.segmentId).toBe(c.told()[0]?.segmentId.replace(/s1$/, "s2"));
  expect(c.sink.log.filter((e) => e.type === "segmentText")).toEqual(c.told().map((s) => ({ type: "segmentText", id: s.segmentId, text: s.text })));

  c.playTo(60_000);
  await until(() => c.session.state === "listening", "listening after the greeting");
  expect(c.observer.turns.map((t) => [t.role, t.text])).toEqual([["AGENT", GREETING]]);
  expect(c.told()).toHaveLength(2); // told once each: hearing the rest adds nothing
});

it("a barge-in leaves the sentences the caller never heard untold", async () => {
  const c = await startCall();
  c.playTo(60_000);
  await until(() => c.session.state === "listening", "listening after the greeting");
  const before = c.samples();
  c.conn.callerSays("When are you open?", { startMs: 61_000, endMs: 62_000 });
  await until(() => c.samples() === before + HOURS.join(" ").length * fake.msPerChar * 8, "the answer's audio");
  const answer = () => c.told().slice(2).map((s) => s.text);
  expect(answer()).toEqual([HOURS[0]]);

  c.playTo(60_400); // 20 of 80 characters heard
  expect(answer()).toEqual([HOURS[0]]);
  c.playTo(60_600); // 30 heard: the second sentence (from 26) is playing
  expect(answer()).toEqual([HOURS[0], HOURS[1]]);

  c.conn.speechStarted(62_500);
  await until(() => c.observer.eventsOf("barge_in").length === 1, "the barge-in");
  await until(() => c.conn.of("conversation.item.truncate").length === 1, "the truncate");
  expect(c.conn.of("conversation.item.truncate")[0]).toMatchObject({ audio_end_ms: 600 });
  c.playTo(70_000); // the line was cleared: nothing more plays, and nothing more is told
  expect(answer()).toEqual([HOURS[0], HOURS[1]]);
  expect(c.sink.texts().slice(2)).toEqual([HOURS[0], HOURS[1]]);
  const turn = c.observer.turns.find((t) => t.role === "AGENT" && t.interrupted);
  expect(turn).toMatchObject({ text: HOURS.join(" "), heardText: "We are open nine to five. On" });
});
