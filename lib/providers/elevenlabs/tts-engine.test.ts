// The call engine with TTS_PROVIDER=elevenlabs, built by getSpeechProviders() exactly as the voice
// server builds it, against the local ElevenLabs: the greeting is ElevenLabs audio, and a socket
// dropped mid-sentence finishes that sentence in the local espeak voice with a provider.fault event.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getEnv } from "../../env";
import { FakeResponder, text } from "../../conversation/testing/fakes";
import { CallHarness } from "../../conversation/testing/harness";
import type { AgentProfile } from "../responder/types";
import { FAKE_ELEVENLABS_KEY, FakeElevenLabs } from "../../test/fakes/elevenlabs";
import { closeSpeechProviders, getSpeechProviders, type TtsProvider } from "../speech/index";

const GREETING = ["Hello, thanks for calling Acme Dental.", "How can I help?"];

let fake: FakeElevenLabs;
let tts: TtsProvider;

beforeAll(async () => {
  fake = await FakeElevenLabs.start();
  const env = { ...getEnv(), TTS_PROVIDER: "elevenlabs", ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY, ELEVENLABS_BASE_URL: fake.baseUrl, STT_THREADS: 0 };
  tts = getSpeechProviders(env).tts;
});
afterAll(async () => {
  await closeSpeechProviders();
  await fake.close();
});
afterEach(() => fake.reset());

async function greet(profile: Partial<AgentProfile> = {}): Promise<CallHarness> {
  const h = new CallHarness({ responder: new FakeResponder(() => [text("Okay.")]), tts, profile: { voiceId: "21m00Tcm4TlvDq8ikWAM", ...profile } });
  h.session.start();
  // Synthesis runs on real sockets: wait in real time for both sentences, then play them out on the fake clock.
  await vi.waitFor(() => expect(h.sink.count("endSegment")).toBe(2), { timeout: 15_000, interval: 5 });
  await h.untilListening();
  return h;
}

const samplesOf = (h: CallHarness, id: string) => h.sink.log.reduce((n, e) => n + (e.type === "audio" && e.id === id ? e.samples : 0), 0);

// The local voice starts its thread and WebAssembly on first use: seconds on a loaded 2-core machine.
describe("the engine speaking through ElevenLabs", { timeout: 20_000 }, () => {
  it("greets with ElevenLabs audio, one sentence per context, and counts the characters", async () => {
    expect(tts.name).toBe("elevenlabs");
    const h = await greet();
    const [first, second] = h.sink.segmentsWith("") as [string, string];
    expect([samplesOf(h, first), samplesOf(h, second)]).toEqual([GREETING[0]!.length + 1, GREETING[1]!.length + 1].map((n) => n * 80));
    expect(fake.spokenTexts()).toEqual(GREETING.map((s) => `${s} `));
    expect(h.agentTurns()[0]?.text).toBe(GREETING.join(" "));
    expect(h.observer.totalUsage("TTS_CHARACTERS")).toBe(GREETING.join("").length);
    expect(h.observer.eventsOf("provider.fault")).toEqual([]);
  });

  it("socket dropped mid-sentence → the rest in the local voice, the turn intact, a provider.fault event", async () => {
    fake.injectFault("drop", 2); // "Hello, thanks " came from ElevenLabs
    const h = await greet();
    const [first, second] = h.sink.segmentsWith("") as [string, string];
    const elevenLabsPart = ("Hello, ".length + "thanks ".length) * 80;
    // espeak's audio for "for calling Acme Dental." follows: far more than the two words, far less than nothing.
    expect(samplesOf(h, first)).toBeGreaterThan(elevenLabsPart + 8000);
    expect(samplesOf(h, second)).toBe((GREETING[1]!.length + 1) * 80); // the next sentence reconnected
    expect(h.observer.eventsOf("provider.fault").map((e) => e.payload)).toEqual([
      { provider: "elevenlabs", capability: "tts", error: expect.stringMatching(/socket closed/), action: "fallback_voice" },
    ]);
    expect(h.observer.eventsOf("error")).toEqual([]);
    expect(h.agentTurns()[0]?.text).toBe(GREETING.join(" "));
    // The local voice's characters are its own usage (free), the rest ElevenLabs'.
    const local = "for calling Acme Dental.".length;
    expect(h.observer.totalUsage("TTS_CHARACTERS", "local")).toBe(local);
    expect(h.observer.totalUsage("TTS_CHARACTERS", null)).toBe(GREETING.join("").length - local);
  });

  it("speaks with the agent's ElevenLabs model (model_id on the wire), else the process default", async () => {
    // The model of each socket the greeting's sentences were spoken on.
    const modelsSpokenWith = () => [...new Set(fake.sockets.filter((s) => s.received.some((m) => m.flush)).map((s) => s.url.searchParams.get("model_id")))];
    await greet({ ttsModel: "eleven_multilingual_v2" });
    expect(modelsSpokenWith()).toEqual(["eleven_multilingual_v2"]);
    // Sockets are kept per voice and model: close them so the next greeting's socket is seen opening.
    await tts.close?.();
    fake.reset();
    await greet({ ttsModel: null });
    expect(modelsSpokenWith()).toEqual(["eleven_flash_v2_5"]);
  });
});
