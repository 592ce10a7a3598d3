// ElevenLabsTts's circuit breaker against the local ElevenLabs, on an injected clock: it opens after N
// vendor failures, then sentences go straight to the fallback voice without the fake seeing a request,
// each call is told once; after the cool-down one probe goes through and its success closes it. A
// request rejected for its own bad input (an unknown voice) does not count.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getEnv } from "../../env";
import { buildHealthReport } from "../../health/report";
import { FAKE_ELEVENLABS_KEY, FakeElevenLabs } from "../../test/fakes/elevenlabs";
import { closeSpeechProviders, getSpeechProviders, speechCircuits } from "../speech/index";
import { ESPEAK_VOICES } from "../speech/local/espeak-voices";
import type { ProviderFault, SynthesisRequest, TtsProvider, Voice } from "../speech/types";
import { ElevenLabsTts } from "./tts";

const LOCAL_SAMPLE = 7;
const VOICE = "21m00Tcm4TlvDq8ikWAM";
const COOLDOWN_MS = 30_000;

/** Stands in for espeak: records what it was asked to say, answers with recognisable samples. */
class RecordingFallback implements TtsProvider {
  readonly name = "local";
  readonly texts: string[] = [];
  voices(): Promise<Voice[]> {
    return Promise.resolve(ESPEAK_VOICES.map(({ espeak: _e, ...v }) => v));
  }
  async *synthesize(req: SynthesisRequest): AsyncIterable<Int16Array> {
    this.texts.push(req.text);
    yield new Int16Array(req.text.length * 80).fill(LOCAL_SAMPLE);
  }
}

/** One call's side of the provider: its own fault callback (the engine passes one per call). */
class Call {
  readonly faults: ProviderFault[] = [];
  readonly onFault = (f: ProviderFault) => void this.faults.push(f);
  circuitNotices = () => this.faults.filter((f) => f.error.startsWith("circuit open")).length;
}

let fake: FakeElevenLabs;
let fallback: RecordingFallback;
let tts: ElevenLabsTts;
let now: number;

function provider(opts: { failureThreshold?: number; timeoutMs?: number; baseUrl?: string; voicesDown?: boolean } = {}): ElevenLabsTts {
  return new ElevenLabsTts({
    apiKey: FAKE_ELEVENLABS_KEY,
    baseUrl: opts.baseUrl ?? fake.baseUrl,
    fallback,
    // Generous unless a test is about the timeout: each failure must be the injected one, even on a busy machine.
    timeoutMs: opts.timeoutMs ?? 10_000,
    circuit: { failureThreshold: opts.failureThreshold ?? 3, cooldownMs: COOLDOWN_MS, now: () => now },
  });
}

/** Speaks one sentence to the end; "elevenlabs" or "local" by whose audio came out. */
async function speak(call: Call, text: string, extra: Partial<SynthesisRequest> = {}): Promise<"elevenlabs" | "local" | "mixed"> {
  const out: Int16Array[] = [];
  for await (const pcm of tts.synthesize({ text, voiceId: VOICE, language: "en-US", onFault: call.onFault, ...extra })) out.push(pcm);
  const local = out.filter((c) => c[0] === LOCAL_SAMPLE).length;
  return local === 0 ? "elevenlabs" : local === out.length ? "local" : "mixed";
}

async function openCircuit(call: Call, n = 3): Promise<void> {
  fake.knobs.refuseWith = 500;
  for (let i = 0; i < n; i++) expect(await speak(call, `Failing sentence ${i}.`)).toBe("local");
  expect(tts.circuit().state).toBe("open");
}

beforeAll(async () => {
  fake = await FakeElevenLabs.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  now = Date.UTC(2026, 11, 1, 9, 0, 0);
  fallback = new RecordingFallback();
});
afterEach(async () => {
  await tts?.close();
  fake.reset();
});

describe("opening", () => {
  it("opens after N consecutive failures; while open the vendor sees no request and the call is told once", async () => {
    tts = provider({ failureThreshold: 3 });
    const call = new Call();
    fake.knobs.refuseWith = 500;
    await speak(call, "One.");
    await speak(call, "Two.");
    expect(tts.circuit()).toMatchObject({ state: "closed", consecutiveFailures: 2 });
    await speak(call, "Three.");
    expect(tts.circuit()).toMatchObject({ state: "open", consecutiveFailures: 3, lastError: expect.stringContaining("500") });
    expect(fake.upgradeRequests).toBe(3);
    expect(call.faults).toHaveLength(3);
    expect(call.faults.every((f) => f.action === "fallback_voice" && /500/.test(f.error))).toBe(true);

    const [upgrades, voiceLists] = [fake.upgradeRequests, fake.voiceRequests];
    fake.reset(); // ElevenLabs is back, but the circuit does not know yet: nothing goes there
    for (const s of ["Four.", "Five.", "Six."]) expect(await speak(call, s)).toBe("local");
    expect([fake.upgradeRequests, fake.voiceRequests]).toEqual([0, 0]);
    expect(upgrades + voiceLists).toBeGreaterThan(0);
    expect(fallback.texts.slice(-3)).toEqual(["Four.", "Five.", "Six."]);
    expect(call.faults.slice(3)).toEqual([
      { provider: "elevenlabs", capability: "tts", error: expect.stringMatching(/^circuit open after 3 consecutive failures \(last: .*500.*\)/), action: "fallback_voice" },
    ]);
  });

  it.each([
    ["HTTP 429", () => void (fake.knobs.refuseWith = 429), {}],
    ["HTTP 503", () => void (fake.knobs.refuseWith = 503), {}],
    ["a refused connection", () => undefined, { baseUrl: "http://127.0.0.1:1" }],
    ["no audio in time", () => fake.injectFault("stall", 0), { timeoutMs: 50 }],
    ["a socket dropped mid-sentence", () => fake.injectFault("drop", 1), {}],
    ["a server error message", () => fake.injectFault("error", 1), {}],
  ])("%s counts as a failure", async (_label, inject, opts) => {
    tts = provider({ failureThreshold: 1, ...opts });
    inject();
    const call = new Call();
    expect(await speak(call, "Hello there, how can I help?")).not.toBe("elevenlabs");
    expect(tts.circuit().state).toBe("open");
    const upgrades = fake.upgradeRequests;
    expect(await speak(call, "Anything else?")).toBe("local");
    expect(fake.upgradeRequests).toBe(upgrades);
  });

  it("a request rejected for its own input (unknown voice, HTTP 400) gets its own fault and does not count", async () => {
    tts = provider({ failureThreshold: 2 });
    fake.knobs.voicesStatus = 500; // no voice list to correct the id against: it goes to ElevenLabs as is
    const call = new Call();
    for (let i = 0; i < 4; i++) expect(await speak(call, `Sentence ${i}.`, { voiceId: "no-such-voice" })).toBe("local");
    expect(fake.upgradeRequests).toBe(4); // every one was tried: the vendor is not down
    expect(tts.circuit()).toMatchObject({ state: "closed", consecutiveFailures: 0 });
    expect(call.faults).toHaveLength(4);
    expect(call.faults[0]).toEqual({
      provider: "elevenlabs",
      capability: "tts",
      error: expect.stringMatching(/^request rejected \(not an outage\): .*400/),
      action: "fallback_voice",
    });
    expect(await speak(call, "Back to a real voice.")).toBe("elevenlabs");
  });

  it("a sentence that succeeds in between resets the count", async () => {
    tts = provider({ failureThreshold: 2 });
    const call = new Call();
    fake.knobs.refuseWith = 500;
    await speak(call, "One.");
    fake.knobs.refuseWith = undefined;
    expect(await speak(call, "Two.")).toBe("elevenlabs");
    await tts.close(); // its socket would carry the next sentence: make it connect again (the breaker stays)
    fake.knobs.refuseWith = 500;
    await speak(call, "Three.");
    expect(tts.circuit()).toMatchObject({ state: "closed", consecutiveFailures: 1 });
  });
});

describe("half-open", () => {
  it("after the cool-down lets one probe through; its success closes the circuit", async () => {
    tts = provider({ failureThreshold: 2 });
    const call = new Call();
    await openCircuit(call, 2);
    fake.reset();
    now += COOLDOWN_MS - 1;
    expect(await speak(call, "Still skipped.")).toBe("local");
    expect(fake.upgradeRequests).toBe(0);
    now += 1;
    expect(tts.circuit().state).toBe("half_open");

    // The probe is held up on the wire; a sentence of another call meanwhile does not pile on.
    fake.knobs.messageDelayMs = 20;
    const other = new Call();
    const probe = speak(call, "The probe sentence.");
    await new Promise((r) => setImmediate(r));
    expect(await speak(other, "Meanwhile.")).toBe("local");
    expect(other.circuitNotices()).toBe(1);
    expect(await probe).toBe("elevenlabs");
    expect(fake.upgradeRequests).toBe(1);
    expect(tts.circuit()).toEqual({ state: "closed", consecutiveFailures: 0, failureThreshold: 2, cooldownMs: COOLDOWN_MS });

    fake.knobs.messageDelayMs = 0;
    expect(await speak(other, "Back to normal.")).toBe("elevenlabs");
  });

  it("a failed probe opens it for another cool-down, and nobody is told twice", async () => {
    tts = provider({ failureThreshold: 2 });
    const call = new Call();
    await openCircuit(call, 2);
    expect(await speak(call, "Skipped.")).toBe("local");
    now += COOLDOWN_MS;
    const upgrades = fake.upgradeRequests;
    expect(await speak(call, "The probe fails.")).toBe("local");
    expect(fake.upgradeRequests).toBe(upgrades + 1);
    expect(tts.circuit()).toMatchObject({ state: "open", openedAt: new Date(now).toISOString() });
    expect(await speak(call, "Skipped again.")).toBe("local");
    expect(fake.upgradeRequests).toBe(upgrades + 1);
    expect(call.circuitNotices()).toBe(1);
  });

  it("a probe cut short by barge-in neither closes nor reopens: the next sentence probes", async () => {
    tts = provider({ failureThreshold: 1 });
    const call = new Call();
    await openCircuit(call, 1);
    fake.reset();
    now += COOLDOWN_MS;
    fake.knobs.messageDelayMs = 5;
    const ctrl = new AbortController();
    for await (const _pcm of tts.synthesize({ text: "A long probe sentence that is interrupted.", voiceId: VOICE, signal: ctrl.signal, onFault: call.onFault })) {
      ctrl.abort();
    }
    expect(tts.circuit().state).toBe("half_open");
    expect(await speak(call, "The next one probes.")).toBe("elevenlabs");
    expect(tts.circuit().state).toBe("closed");
  });
});

describe("shared by every call of the process", () => {
  it("failures of different calls add up, and every call then skips the vendor, each told once", async () => {
    tts = provider({ failureThreshold: 2 });
    const [a, b, c] = [new Call(), new Call(), new Call()];
    fake.knobs.refuseWith = 500;
    await speak(a, "Call A fails.");
    await speak(b, "Call B fails.");
    expect(tts.circuit().state).toBe("open");
    const upgrades = fake.upgradeRequests;

    const sentences = ["First.", "Second.", "Third."];
    const results = await Promise.all([a, b, c].flatMap((call) => sentences.map((s) => speak(call, s))));
    expect(results.every((r) => r === "local")).toBe(true);
    expect(fake.upgradeRequests).toBe(upgrades);
    expect([a, b, c].map((call) => call.circuitNotices())).toEqual([1, 1, 1]);
    expect(c.faults).toHaveLength(1); // call C never paid for a failure itself
  });
});

describe("health", () => {
  it("shows the breaker next to the providers and reports the service degraded (not down) while open", async () => {
    tts = provider({ failureThreshold: 1 });
    const ok = async () => ({ status: "ok" as const, latencyMs: 1 });
    const circuits = () => ({ tts: tts.circuit() });
    const closed = await buildHealthReport("voice", { database: ok }, { circuits });
    expect(closed.body).toMatchObject({ status: "ok", circuits: { tts: { state: "closed", failureThreshold: 1, cooldownMs: COOLDOWN_MS } } });

    await openCircuit(new Call(), 1);
    const open = await buildHealthReport("voice", { database: ok }, { circuits });
    expect(open.httpStatus).toBe(200);
    expect(open.body.status).toBe("degraded");
    expect(open.body.circuits?.tts).toMatchObject({ state: "open", consecutiveFailures: 1, lastError: expect.stringContaining("500") });
    expect(Object.keys(open.body)).toEqual(["status", "service", "uptimeSec", "checks", "providers", "circuits"]);

    const outside = await buildHealthReport("voice", { database: ok }, { circuits, detail: false });
    expect(outside.body.circuits).toBeUndefined();
    expect(outside.body.status).toBe("degraded");
  });

  it("speechCircuits(): the process's ElevenLabs breaker as configured by env, nothing for local or unbuilt providers", async () => {
    const base = { ...getEnv(), STT_THREADS: 0 };
    try {
      expect(speechCircuits()).toEqual({});
      getSpeechProviders({ ...base, TTS_PROVIDER: "local" });
      expect(speechCircuits()).toEqual({});
      await closeSpeechProviders();
      const env = { ...base, TTS_PROVIDER: "elevenlabs", ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY, ELEVENLABS_BASE_URL: fake.baseUrl, ELEVENLABS_CIRCUIT_FAILURES: 5, ELEVENLABS_CIRCUIT_COOLDOWN_MS: 45_000 };
      getSpeechProviders(env);
      expect(speechCircuits()).toEqual({ tts: { state: "closed", consecutiveFailures: 0, failureThreshold: 5, cooldownMs: 45_000 } });
    } finally {
      await closeSpeechProviders();
    }
  });
});
