// Calls through the voice runtime with ElevenLabs speaking and OpenAI answering, both built from the
// environment against their local fakes (VAD and recogniser are the engine's fakes: this is about the
// records). The agent's ElevenLabs model is the one on the wire and the one its characters are priced
// at; a reply the fallback model gave is recorded and priced under that model; the stored cost is the
// sum of each record at its own model's price. A call whose LLM keeps failing ends as PROVIDER_ERROR.
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CostLine } from "../../lib/billing/call-cost";
import { LLM_PRICES, TTS_PRICES } from "../../lib/billing/prices";
import { callerFrame, FakeStt, FakeVad, PlayoutSink, Words } from "../../lib/conversation/testing/fakes";
import type { TurnRecord } from "../../lib/conversation/types";
import { getDb } from "../../lib/db/client";
import { parseEnv } from "../../lib/env";
import { getResponderProvider } from "../../lib/providers/responder";
import { closeSpeechProviders, getSpeechProviders } from "../../lib/providers/speech";
import { prompts } from "../../lib/conversation/prompts";
import { getStorage } from "../../lib/providers/storage";
import { createTestCall } from "../../lib/test/factories";
import { FAKE_ELEVENLABS_KEY, FakeElevenLabs } from "../../lib/test/fakes/elevenlabs";
import { startFakeOpenAi, type FakeOpenAi } from "../../lib/test/fakes/openai-http";
import { tenantWithNumber } from "../../lib/test/twilio";
import { createCallRuntime, type CallRuntime } from "./call-runtime";

const AGENT_TTS_MODEL = "eleven_multilingual_v2"; // $0.10 / 1K characters, twice the default Flash's
const FALLBACK_MODEL = "gpt-4.1-mini";

let elevenLabs: FakeElevenLabs;
let openai: FakeOpenAi;
let runtime: CallRuntime;
const words = new Words();

beforeAll(async () => {
  [elevenLabs, openai] = await Promise.all([FakeElevenLabs.start(), startFakeOpenAi()]);
  const env = parseEnv({
    ...process.env,
    TTS_PROVIDER: "elevenlabs",
    ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY,
    ELEVENLABS_BASE_URL: elevenLabs.baseUrl,
    LLM_PROVIDER: "openai",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: openai.url,
    LLM_FALLBACK_MODEL: FALLBACK_MODEL,
    STT_PROVIDER: "local",
    STT_THREADS: "0",
  });
  const tts = getSpeechProviders(env).tts;
  expect(tts.name).toBe("elevenlabs");
  runtime = createCallRuntime({
    db: getDb(),
    logger: pino({ level: "silent" }),
    speech: { vad: { name: "fake", createStream: () => new FakeVad() }, stt: { name: "fake", createStream: async () => new FakeStt(words) }, tts },
    responders: getResponderProvider(env),
    storage: getStorage(),
    serverId: "vs-vendor-cost",
    env,
  });
});

afterAll(async () => {
  await runtime?.stop();
  await closeSpeechProviders();
  await Promise.all([elevenLabs?.close(), openai?.close()]);
});

const tick = () => new Promise((r) => setTimeout(r, 20));

/** A browser call to a new agent, greeted; the caller's words reach the engine as fake-recogniser frames, in real time. */
async function greetedCall(name: string) {
  const t = await tenantWithNumber(name, { greeting: "Hello, Vendor Dental.", voiceId: "21m00Tcm4TlvDq8ikWAM", llmModel: "gpt-4o-mini", ttsModel: AGENT_TTS_MODEL });
  const call = await createTestCall(t.tenant.id, { direction: "WEB", status: "QUEUED", agentId: t.agent.id });
  const turns: TurnRecord[] = [];
  const sink = new PlayoutSink(() => 0, true);
  const session = await runtime.openCall({ callId: call.id, browser: { tenantId: t.tenant.id, agentId: t.agent.id } }, sink, { turn: (turn) => turns.push(turn) });
  sink.markPlayed = (id) => session.markPlayed(id);
  const agentTurns = () => turns.filter((x) => x.role === "AGENT").length;
  const feed = async (frame: Int16Array) => {
    session.audio(frame);
    session.tick();
    await tick();
  };
  const until = async (cond: () => boolean, what: string) => {
    for (let waited = 0; !cond(); waited += 20) {
      if (waited > 15_000) throw new Error(`not reached: ${what}`);
      await feed(callerFrame(0.05));
    }
  };
  const say = async (text: string) => {
    const id = words.id(text);
    for (let ms = 0; ms < 600; ms += 20) await feed(callerFrame(0.9, id));
  };
  const ask = async (text: string) => {
    const before = agentTurns();
    await say(text);
    await until(() => agentTurns() > before && session.state === "listening", `an answer to "${text}"`);
  };
  session.start();
  await until(() => agentTurns() === 1 && session.state === "listening", "the greeting");
  return { call, session, sink, turns, say, ask, until };
}

it("speaks with the agent's ElevenLabs model and prices each record at its own model, the fallback LLM's included", async () => {
  const { call, session, turns, ask } = await greetedCall("Vendor Dental");
  openai.script({ text: "We open at nine.", usage: { prompt_tokens: 300, completion_tokens: 5 } });
  await ask("when do you open");
  // The agent's model fails twice (first try and its retry): the fallback model answers.
  openai.script({ kind: "error", status: 503 }, { kind: "error", status: 503 }, { text: "Yes, on Saturdays too.", usage: { prompt_tokens: 320, completion_tokens: 6 } });
  await ask("and on saturday");
  expect(turns.filter((x) => x.role === "AGENT").map((x) => x.text)).toEqual(["Hello, Vendor Dental.", "We open at nine.", "Yes, on Saturdays too."]);
  session.close();
  await runtime.stop();

  // Every sentence went to ElevenLabs on a socket opened with the agent's model.
  const used = elevenLabs.sockets.filter((s) => s.received.some((m) => m.flush));
  expect(used.length).toBeGreaterThan(0);
  expect(new Set(used.map((s) => s.url.searchParams.get("model_id")))).toEqual(new Set([AGENT_TTS_MODEL]));
  expect(openai.requests.filter((r) => r.path === "/v1/chat/completions").map((r) => (r.body as { model: string }).model)).toEqual(["gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini", FALLBACK_MODEL]);

  const db = getDb();
  const saved = await db.call.findUniqueOrThrow({ where: { id: call.id }, include: { usage: true } });
  const sum = (kind: string, model: string | null) => saved.usage.filter((u) => u.kind === kind && u.model === model).reduce((n, u) => n + u.quantity, 0);
  expect([sum("LLM_INPUT_TOKENS", null), sum("LLM_OUTPUT_TOKENS", null)]).toEqual([300, 5]);
  expect([sum("LLM_INPUT_TOKENS", FALLBACK_MODEL), sum("LLM_OUTPUT_TOKENS", FALLBACK_MODEL)]).toEqual([320, 6]);
  const characters = ["Hello, Vendor Dental.", "We open at nine.", "Yes, on Saturdays too."].join("").length;
  expect(sum("TTS_CHARACTERS", null)).toBe(characters);

  // Each record priced at its own model's price, and the stored lines and total add up to them.
  const ttsPrice = TTS_PRICES.elevenlabs!.models[AGENT_TTS_MODEL]!;
  const [agentLlm, fallbackLlm] = [LLM_PRICES.openai!.models["gpt-4o-mini"]!, LLM_PRICES.openai!.models[FALLBACK_MODEL]!];
  const micros = (n: number, per: number, price: number) => Math.round((n / per) * price);
  const expected = {
    tts: micros(characters, 1_000, ttsPrice),
    agentLlm: micros(300, 1e6, agentLlm.input) + micros(5, 1e6, agentLlm.output),
    fallbackLlm: micros(320, 1e6, fallbackLlm.input) + micros(6, 1e6, fallbackLlm.output),
  };
  const lines = (saved.costBreakdown as unknown as { lines: CostLine[] }).lines;
  const lineMicros = (kind: string, model: string) => lines.filter((l) => l.model === model && l.kind.startsWith(kind)).reduce((n, l) => n + l.micros, 0);
  expect(lines.find((l) => l.kind === "TTS_CHARACTERS")).toMatchObject({ provider: "elevenlabs", model: AGENT_TTS_MODEL, quantity: characters, unitPriceMicros: ttsPrice });
  expect(lineMicros("TTS_", AGENT_TTS_MODEL)).toBe(expected.tts);
  expect(lineMicros("LLM_", "gpt-4o-mini")).toBe(expected.agentLlm);
  expect(lineMicros("LLM_", FALLBACK_MODEL)).toBe(expected.fallbackLlm);
  expect(saved.usage.reduce((n, u) => n + u.costMicros, 0)).toBe(expected.tts + expected.agentLlm + expected.fallbackLlm);
  expect(saved.costCents).toBe(Math.round((expected.tts + expected.agentLlm + expected.fallbackLlm) / 10_000));
  expect(saved.metadata).toMatchObject({ usageSources: { tts: { provider: "elevenlabs", model: AGENT_TTS_MODEL }, llm: { provider: "openai", model: "gpt-4o-mini" } } });
});

it("ends a call whose LLM keeps failing as PROVIDER_ERROR, after the closing apology was heard", async () => {
  openai.reset();
  openai.defaultStep = { kind: "error", status: 503 };
  const { call, sink, turns, say, ask, until } = await greetedCall("Failing Dental");
  await ask("hello");
  await ask("hello again");
  await say("are you there");
  await until(() => sink.count("hangup") === 1, "the hang-up");
  await runtime.stop();

  expect(sink.log.find((e) => e.type === "hangup")).toEqual({ type: "hangup", reason: "PROVIDER_ERROR" });
  expect(turns.filter((x) => x.role === "AGENT").at(-1)?.text).toBe(prompts.fatalApology);
  const saved = await getDb().call.findUniqueOrThrow({ where: { id: call.id }, include: { events: { where: { type: "provider.fault" } } } });
  expect(saved).toMatchObject({ status: "COMPLETED", endedReason: "PROVIDER_ERROR" });
  expect(saved.events.map((e) => (e.payload as { action: string }).action).filter((a) => a === "apology")).toHaveLength(3);
});
