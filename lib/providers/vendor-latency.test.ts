// The vendor providers measure their own part of a turn's latency at the provider boundary: the
// OpenAI responder's first token, the realtime recogniser's transcript and ElevenLabs' first audio,
// each against its local wire-format server holding the answer back for a known time (a real timer
// in the fake), and each reported once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProfile } from "../conversation/testing/harness";
import { toolSpecsFor } from "../conversation/tools";
import { FAKE_ELEVENLABS_KEY, FakeElevenLabs } from "../test/fakes/elevenlabs";
import { startFakeOpenAi, type FakeOpenAi } from "../test/fakes/openai-http";
import { FakeOpenAiRealtime } from "../test/fakes/openai-realtime";
import { speakTones } from "../test/fakes/openai-tone-words";
import { ElevenLabsTts } from "./elevenlabs/tts";
import { createOpenAiResponderProvider } from "./openai/chat-responder";
import { createOpenAiClient } from "./openai/client";
import { OpenAiStt } from "./openai/realtime-stt";
import type { TtsProvider } from "./speech/types";

const DELAY = 80;
/** A loaded CI box may add scheduling delay on top of the fake's; it must never come out shorter. */
const within = (ms: number[]) => {
  expect(ms).toHaveLength(1);
  expect(ms[0]).toBeGreaterThanOrEqual(DELAY - 1);
  expect(ms[0]).toBeLessThan(DELAY + 1500);
};

let chat: FakeOpenAi;
let realtime: FakeOpenAiRealtime;
let eleven: FakeElevenLabs;
beforeAll(async () => {
  [chat, realtime, eleven] = await Promise.all([startFakeOpenAi(), FakeOpenAiRealtime.start(), FakeElevenLabs.start()]);
});
afterAll(async () => {
  await Promise.all([chat.close(), realtime.close(), eleven.close()]);
});

describe("provider-boundary latency", () => {
  it("the OpenAI responder reports request → first delta", async () => {
    chat.script({ text: "We open at nine.", stallMs: DELAY });
    const profile = testProfile({ llmModel: "gpt-4o-mini" });
    const responder = createOpenAiResponderProvider({ client: createOpenAiClient({ apiKey: "sk-test", baseURL: chat.url }), firstTokenTimeoutMs: 5000 }).create(profile);
    const reported: number[] = [];
    const history = [{ role: "caller" as const, text: "when do you open", understood: true }];
    const req = { profile, mode: "normal" as const, history, tools: toolSpecsFor(profile), now: new Date(), signal: new AbortController().signal };
    let text = "";
    for await (const ev of responder.respond({ ...req, onFirstToken: (ms) => reported.push(ms) })) if (ev.type === "text") text += ev.delta;
    expect(text).toBe("We open at nine.");
    within(reported);
  });

  it("the realtime recogniser reports commit → transcript as SttResult.providerMs", async () => {
    realtime.transcriptDelayMs = DELAY;
    const stream = await new OpenAiStt({ apiKey: realtime.apiKey, baseURL: realtime.baseURL, connectTimeoutMs: 2000, finalizeTimeoutMs: 5000 }).createStream({ language: "en-US", phrases: [] });
    try {
      for (const f of speakTones("book a cleaning")) stream.write(f);
      const result = await stream.finalize();
      expect(result.text).toBe("book a cleaning");
      within([result.providerMs!]);
    } finally {
      stream.close();
    }
  });

  it("ElevenLabs reports text sent → first audio, once per sentence", async () => {
    eleven.knobs.firstAudioDelayMs = DELAY;
    const fallback: TtsProvider = { name: "local", voices: async () => [], synthesize: async function* () {} };
    const tts = new ElevenLabsTts({ apiKey: FAKE_ELEVENLABS_KEY, baseUrl: eleven.baseUrl, fallback });
    try {
      const reported: number[] = [];
      let chunks = 0;
      for await (const _pcm of tts.synthesize({ text: "Hello there, how can I help?", voiceId: "21m00Tcm4TlvDq8ikWAM", onFirstAudio: (ms) => reported.push(ms) })) chunks++;
      expect(chunks).toBeGreaterThan(1);
      within(reported);
    } finally {
      await tts.close();
    }
  });
});
