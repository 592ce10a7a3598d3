// The latency split of an answered turn on the engine harness: providers that take known fake-clock
// times and report a smaller time of their own (the rest is our queueing) — the parts add up to the
// total, the provider figures are the providers' own, and the platform part is what is left.
import { describe, expect, it } from "vitest";
import type { ResponderEvent } from "../providers/responder/types";
import type { SynthesisRequest } from "../providers/speech/types";
import { splitLatency, type LatencyMarks } from "./latency";
import { FakeResponder, FakeTts, text, type FakeClock } from "./testing/fakes";
import { CallHarness } from "./testing/harness";

/** Provider times on the fake clock (what the engine sees) and what each provider says was its own. */
const SEEN = { stt: 160, llm: 300, tts: 120 };
const OWN = { stt: 150, llm: 280, tts: 100 };

/** A synthesiser that takes SEEN.tts to its first audio and reports OWN.tts. */
class SlowTts extends FakeTts {
  clock: FakeClock | null = null;
  constructor(private readonly report: boolean) {
    super();
  }
  override async *synthesize(req: SynthesisRequest): AsyncIterable<Int16Array> {
    await this.clock!.sleep(SEEN.tts);
    if (this.report) req.onFirstAudio?.(OWN.tts);
    yield* super.synthesize(req);
  }
}

async function answeredTurn(report: boolean) {
  const tts = new SlowTts(report);
  const holder: { h?: CallHarness } = {};
  const responder = new FakeResponder((req) =>
    (async function* (): AsyncIterable<ResponderEvent> {
      await holder.h!.clock.sleep(SEEN.llm);
      if (report) req.onFirstToken?.(OWN.llm);
      yield text("We open at nine. ");
      yield text("Anything else?");
    })(),
  );
  const h = new CallHarness({ responder, tts });
  holder.h = h;
  tts.clock = h.clock;
  const finalize = h.stt.finalize.bind(h.stt);
  h.stt.finalize = async () => {
    const result = await finalize();
    await h.clock.sleep(SEEN.stt);
    return report ? { ...result, providerMs: OWN.stt } : result;
  };
  await h.start();
  await h.untilListening();
  await h.say("what time do you open on saturday", 800);
  await h.until(() => h.agentTurns().length === 2);
  const latency = h.agentTurns()[1]!.latency!;
  expect(latency).toBeDefined();
  return latency;
}

describe("turn latency split", () => {
  it("uses the providers' own times and leaves the queueing around them to the platform part", async () => {
    const l = await answeredTurn(true);
    expect(l.endpointMs).toBeGreaterThan(0);
    expect(l).toEqual({ endpointMs: l.endpointMs, sttMs: OWN.stt, llmMs: OWN.llm, ttsMs: OWN.tts, platformMs: 50, totalMs: l.endpointMs + SEEN.stt + SEEN.llm + SEEN.tts });
    expect(l.endpointMs + l.sttMs + l.llmMs + l.ttsMs + l.platformMs).toBe(l.totalMs);
  });

  it("measures around the call when a provider does not report (local providers)", async () => {
    const l = await answeredTurn(false);
    expect(l).toEqual({ endpointMs: l.endpointMs, sttMs: SEEN.stt, llmMs: SEEN.llm, ttsMs: SEEN.tts, platformMs: 0, totalMs: l.endpointMs + SEEN.stt + SEEN.llm + SEEN.tts });
  });

  it("never lets provider reports add up to more than the caller waited", () => {
    const marks: LatencyMarks = {
      text: false, speechEnd: 0, decisionAt: 200, finalAt: 300, sttProviderMs: 99.6, firstTextAt: 500, llmProviderMs: 250,
      firstTtsSentAt: 510, firstTtsAudioAt: 600, ttsProviderMs: 120, firstOutputAt: 601,
    };
    // 200 + 100 + 250 + 120 = 670 > 601: the latest parts give way.
    expect(splitLatency(marks)).toEqual({ endpointMs: 200, sttMs: 100, llmMs: 250, ttsMs: 51, platformMs: 0, totalMs: 601 });
    expect(splitLatency({ ...marks, llmProviderMs: 180.4, ttsProviderMs: 80.2 })).toEqual({ endpointMs: 200, sttMs: 100, llmMs: 180, ttsMs: 80, platformMs: 41, totalMs: 601 });
  });
});
