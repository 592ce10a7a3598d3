// Two calls through the engine sharing one ElevenLabsTts (as every call of a voice server does) while
// ElevenLabs refuses connections: the first call's failures open the circuit, and each call's record then
// holds one "circuit open" provider.fault event, not one per sentence; every sentence is still spoken.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeResponder, text } from "../../conversation/testing/fakes";
import { CallHarness } from "../../conversation/testing/harness";
import { FAKE_ELEVENLABS_KEY, FakeElevenLabs } from "../../test/fakes/elevenlabs";
import { EspeakTts } from "../speech/local/espeak-tts";
import { ElevenLabsTts } from "./tts";

const GREETING = "Hello, thanks for calling Acme Dental. Our office is open until five today. How can I help you? I am listening.";
const SENTENCES = 4;

let fake: FakeElevenLabs;
let fallback: EspeakTts;
let tts: ElevenLabsTts;

beforeAll(async () => {
  fake = await FakeElevenLabs.start();
  fallback = new EspeakTts();
  await fallback.warmUp(); // espeak's first sentences are slow: not inside the test's time
  // A generous timeout: each failure must be the refusal itself, even on a busy machine.
  tts = new ElevenLabsTts({ apiKey: FAKE_ELEVENLABS_KEY, baseUrl: fake.baseUrl, fallback, timeoutMs: 10_000, circuit: { failureThreshold: 2, cooldownMs: 30_000, now: () => 0 } });
});
afterAll(async () => {
  await tts.close();
  await fallback.close();
  await fake.close();
});

async function greet(callId: string): Promise<CallHarness> {
  const h = new CallHarness({ callId, responder: new FakeResponder(() => [text("Okay.")]), tts, profile: { voiceId: "21m00Tcm4TlvDq8ikWAM", greeting: GREETING } });
  h.session.start();
  await vi.waitFor(() => expect(h.sink.count("endSegment")).toBe(SENTENCES), { timeout: 30_000, interval: 5 });
  await h.untilListening();
  return h;
}

const faults = (h: CallHarness) => h.observer.eventsOf("provider.fault").map((e) => String(e.payload?.error));

describe("the circuit across calls", () => {
  it("records 'circuit open' once per call, and the caller hears every sentence", async () => {
    fake.knobs.refuseWith = 503;
    const first = await greet("call_a");
    expect(faults(first)).toEqual([expect.stringContaining("503"), expect.stringContaining("503"), expect.stringMatching(/^circuit open after 2 consecutive failures/)]);
    expect(fake.upgradeRequests).toBe(2);

    const second = await greet("call_b");
    expect(faults(second)).toEqual([expect.stringMatching(/^circuit open/)]);
    expect(fake.upgradeRequests).toBe(2);

    for (const h of [first, second]) {
      expect(h.agentTurns()[0]?.text).toBe(GREETING);
      const segments = h.sink.segmentsWith("");
      expect(segments).toHaveLength(SENTENCES);
      // Every sentence got audio (espeak's), none was left silent.
      for (const id of segments) expect(h.sink.log.some((e) => e.type === "audio" && e.id === id && e.samples > 0)).toBe(true);
      expect(h.observer.eventsOf("error")).toEqual([]);
    }
  }, 60_000); // eight sentences of espeak: slow on a busy machine (a limit, not a measurement)
});
