// A call through the voice runtime with STT_PROVIDER=openai (the speech providers built from the
// environment) against the local OpenAI realtime server: the caller's utterance becomes a CALLER turn,
// and a socket dropped mid-utterance is reconnected, replayed, and recorded as a "provider.fault" event
// without losing a word. The VAD and TTS are the engine's fakes, so the test is about the recogniser.
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { callerFrame, FakeTts, FakeVad, PlayoutSink } from "../../lib/conversation/testing/fakes";
import type { TurnRecord } from "../../lib/conversation/types";
import { getDb } from "../../lib/db/client";
import { parseEnv } from "../../lib/env";
import { getResponderProvider } from "../../lib/providers/responder";
import { closeSpeechProviders, getSpeechProviders } from "../../lib/providers/speech";
import { getStorage } from "../../lib/providers/storage";
import { createTestCall } from "../../lib/test/factories";
import { FakeOpenAiRealtime } from "../../lib/test/fakes/openai-realtime";
import { speakTones } from "../../lib/test/fakes/openai-tone-words";
import { tenantWithNumber } from "../../lib/test/twilio";
import { createCallRuntime, type CallRuntime } from "./call-runtime";

let fake: FakeOpenAiRealtime;
let runtime: CallRuntime;

beforeAll(async () => {
  fake = await FakeOpenAiRealtime.start();
  const env = parseEnv({ ...process.env, STT_PROVIDER: "openai", OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseURL, LLM_PROVIDER: "local", TTS_PROVIDER: "local" });
  const stt = getSpeechProviders(env).stt;
  expect(stt.name).toBe("openai");
  runtime = createCallRuntime({
    db: getDb(),
    logger: pino({ level: "silent" }),
    speech: { vad: { name: "fake", createStream: () => new FakeVad() }, stt, tts: new FakeTts() },
    responders: getResponderProvider(parseEnv({ ...process.env, LLM_PROVIDER: "local" })),
    storage: getStorage(),
    serverId: "vs-openai-stt",
  });
});

afterAll(async () => {
  await runtime?.stop();
  await closeSpeechProviders();
  await fake?.close();
});

const tick = () => new Promise((r) => setTimeout(r, 20));

it("a caller's utterance through the realtime socket becomes the turn, across a dropped socket", async () => {
  const t = await tenantWithNumber("Realtime Dental");
  const call = await createTestCall(t.tenant.id, { direction: "WEB", status: "QUEUED", agentId: t.agent.id });
  const turns: TurnRecord[] = [];
  const sink = new PlayoutSink(() => 0, true);
  const connections = fake.connections.length;
  const session = await runtime.openCall({ callId: call.id, browser: { tenantId: t.tenant.id, agentId: t.agent.id } }, sink, { turn: (turn) => turns.push(turn) });
  sink.markPlayed = (id) => session.markPlayed(id);
  session.start();
  const feed = (frame: Int16Array) => {
    session.audio(frame);
    session.tick();
  };
  fake.dropAfterAppends = 1; // 500 ms into the utterance

  // Tone words the fake recognises; sample 0 carries the fake VAD's speech probability.
  for (const frame of speakTones("hello i'd like to book")) {
    frame[0] = 900;
    feed(frame);
    await tick();
  }
  for (let waited = 0; !turns.some((x) => x.role === "CALLER") && waited < 5000; waited += 20) {
    feed(callerFrame(0.05));
    await tick();
  }
  expect(turns.find((x) => x.role === "CALLER")).toMatchObject({ text: "hello i'd like to book", understood: true });
  expect(fake.connections.length).toBe(connections + 2); // the call's socket, then its replacement
  session.close();
  await runtime.stop();

  const events = await getDb().callEvent.findMany({ where: { callId: call.id, type: "provider.fault" } });
  expect(events.map((e) => e.payload)).toEqual([{ provider: "openai", capability: "stt", error: expect.stringContaining("socket closed"), action: "reconnect" }]);
  const saved = await getDb().callTurn.findMany({ where: { callId: call.id, role: "CALLER" } });
  expect(saved.map((x) => x.text)).toEqual(["hello i'd like to book"]);
});
