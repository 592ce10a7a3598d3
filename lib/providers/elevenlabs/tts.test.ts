// ElevenLabsTts through the real SDK (voices) and ws code (multi-context socket) against the local
// ElevenLabs: audio order, flush, socket reuse, voice resolution, barge-in, voices cache, and faults
// falling back to a recording local voice for the rest of the sentence.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mulawToLinear } from "../../audio/mulaw";
import { DEFAULT_FAKE_VOICES, FAKE_ELEVENLABS_KEY, FakeElevenLabs, fakeAudioByte } from "../../test/fakes/elevenlabs";
import { ESPEAK_VOICES } from "../speech/local/espeak-voices";
import type { ProviderFault, SynthesisRequest, TtsProvider, Voice } from "../speech/types";
import { ElevenLabsTts, restOfSentence } from "./tts";

const LOCAL_SAMPLE = 7;

/** Stands in for espeak: records what it was asked to say, answers with recognisable samples. */
class RecordingFallback implements TtsProvider {
  readonly name = "local";
  readonly requests: SynthesisRequest[] = [];
  voices(): Promise<Voice[]> {
    return Promise.resolve(ESPEAK_VOICES.map(({ espeak: _e, ...v }) => v));
  }
  async *synthesize(req: SynthesisRequest): AsyncIterable<Int16Array> {
    this.requests.push(req);
    yield new Int16Array(req.text.length * 80).fill(LOCAL_SAMPLE);
  }
}

const SENTENCE = "Hello there, how can I help you today?";
const WORDS = SENTENCE.split(" ");

let fake: FakeElevenLabs;
let fallback: RecordingFallback;
let tts: ElevenLabsTts;
const faults: ProviderFault[] = [];

function provider(opts: { timeoutMs?: number; voiceCacheMs?: number } = {}) {
  return new ElevenLabsTts({ apiKey: FAKE_ELEVENLABS_KEY, baseUrl: fake.baseUrl, fallback, ...opts });
}

async function speak(text: string, extra: Partial<SynthesisRequest> = {}, t = tts): Promise<Int16Array[]> {
  const out: Int16Array[] = [];
  for await (const pcm of t.synthesize({ text, voiceId: "21m00Tcm4TlvDq8ikWAM", language: "en-US", onFault: (f) => faults.push(f), ...extra })) out.push(pcm);
  return out;
}

/**
 * The fake's wait before each message: none for the next `audio` audio messages, `ms` from then on.
 * Read by the fake as it sends, so it does not depend on when the reader gets to see those messages.
 */
function holdAfterAudio(audio: number, ms: number): void {
  const from = fake.audioSent + audio;
  Object.defineProperty(fake.knobs, "messageDelayMs", {
    configurable: true,
    enumerable: true,
    get: () => (fake.audioSent >= from ? ms : 0),
    // Setting it (the test, or reset()) makes it a plain value again.
    set: (value: number) => Object.defineProperty(fake.knobs, "messageDelayMs", { value, writable: true, configurable: true, enumerable: true }),
  });
}

beforeAll(async () => {
  fake = await FakeElevenLabs.start();
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  vi.useRealTimers();
  await tts?.close();
  fake.reset();
  faults.length = 0;
});

describe("streaming synthesis", () => {
  it("streams the sentence's audio in order, decoded from μ-law, and flushes it at its end", async () => {
    fallback = new RecordingFallback();
    tts = provider();
    const chunks = await speak(SENTENCE);
    // One message per word; the text sent ends with a space, so every word does.
    expect(chunks.map((c) => c.length)).toEqual(WORDS.map((w) => (w.length + 1) * 80));
    chunks.forEach((c, i) => expect(c.every((s) => s === mulawToLinear(fakeAudioByte(i)))).toBe(true));
    const [socket] = fake.sockets;
    expect(socket!.url.pathname).toBe("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/multi-stream-input");
    expect(Object.fromEntries(socket!.url.searchParams)).toMatchObject({ model_id: "eleven_flash_v2_5", output_format: "ulaw_8000" });
    const id = socket!.received[0]!.context_id;
    expect(socket!.received).toEqual([
      { text: " ", context_id: id },
      { text: `${SENTENCE} `, context_id: id, flush: true },
      { context_id: id, close_context: true },
    ]);
    expect(faults).toEqual([]);
    expect(fallback.requests).toEqual([]);
  });

  it("keeps one socket per voice for the following sentences, each in its own context", async () => {
    fallback = new RecordingFallback();
    tts = provider();
    await speak("First sentence.");
    await Promise.all([speak("Second one."), speak("Third one.")]);
    expect(fake.sockets).toHaveLength(1);
    const contexts = new Set(fake.sockets[0]!.received.map((m) => m.context_id));
    expect(contexts.size).toBe(3);
  });

  it("opens a second socket rather than a sixth context on one (the server's limit is five)", async () => {
    fallback = new RecordingFallback();
    tts = provider();
    fake.knobs.messageDelayMs = 5;
    const sentences = ["One.", "Two.", "Three.", "Four.", "Five.", "Six."];
    const outs = await Promise.all(sentences.map((s) => speak(s)));
    expect(outs.every((o) => o.length === 1)).toBe(true);
    expect(fake.sockets.map((s) => new Set(s.received.map((m) => m.context_id)).size)).toEqual([5, 1]);
    expect(faults).toEqual([]);
  });

  it("speaks an id the account does not have with its first voice in the agent's language", async () => {
    fallback = new RecordingFallback();
    tts = provider();
    await speak("Hola.", { voiceId: "local-es-es-1", language: "es-ES" });
    await speak("Hello.", { voiceId: "local-en-us-1", language: "en-US" });
    expect(fake.sockets.map((s) => s.url.pathname.split("/")[3])).toEqual(["es-voice-1", "21m00Tcm4TlvDq8ikWAM"]);
  });

  it("stops promptly when the signal aborts mid-sentence (barge-in), with no fallback", async () => {
    fallback = new RecordingFallback();
    tts = provider();
    // Two audio messages at once, then 5 s before each of the rest, decided by the fake as it sends (a
    // delay the reader switched on after its first chunk came too late when the machine was slow).
    holdAfterAudio(2, 5000);
    const ctrl = new AbortController();
    const out: Int16Array[] = [];
    let abortedAt = 0;
    for await (const pcm of tts.synthesize({ text: SENTENCE, voiceId: "21m00Tcm4TlvDq8ikWAM", signal: ctrl.signal, onFault: (f) => faults.push(f) })) {
      out.push(pcm);
      // A synthesis that waited for the next message after the abort (or for the rest of the sentence)
      // would take seconds, not a moment; the bound only says it did not.
      if (out.length === 2) {
        ctrl.abort();
        abortedAt = performance.now();
      }
    }
    expect(out).toHaveLength(2);
    expect(performance.now() - abortedAt).toBeLessThan(2500);
    expect(faults).toEqual([]);
    expect(fallback.requests).toEqual([]);
    // The next sentence goes through the same socket, the aborted context's late audio ignored.
    fake.knobs.messageDelayMs = 0;
    expect((await speak("Sure.")).length).toBe(1);
  });
});

describe("voices", () => {
  it("lists the account's voices through the SDK, mapped and cached (one request for two lists)", async () => {
    fallback = new RecordingFallback();
    tts = provider();
    const [a, b] = [await tts.voices(), await tts.voices()];
    expect(b).toBe(a);
    expect(fake.voiceRequests).toBe(1);
    expect(a).toEqual([
      { id: "21m00Tcm4TlvDq8ikWAM", name: "Rachel", language: "en-US", gender: "female", provider: "elevenlabs" },
      { id: "JBFqnCBsd6RMkjVDRZzb", name: "George", language: "en-GB", gender: "male", provider: "elevenlabs" },
      { id: "es-voice-1", name: "Lucía", language: "es-ES", gender: "female", provider: "elevenlabs" },
    ]);
    expect(a).toHaveLength(DEFAULT_FAKE_VOICES.length);
  });

  it("asks again once the cache expired, and keeps the last list when the API fails", async () => {
    fallback = new RecordingFallback();
    tts = provider({ voiceCacheMs: 0 });
    const first = await tts.voices();
    await tts.voices();
    expect(fake.voiceRequests).toBe(2);
    fake.knobs.voicesStatus = 500;
    expect(await tts.voices()).toEqual(first);
    expect(fake.voiceRequests).toBe(3);
    // With nothing cached there is nothing to serve: the route reports the failure.
    const bad = new ElevenLabsTts({ apiKey: "wrong", baseUrl: fake.baseUrl, fallback });
    await expect(bad.voices()).rejects.toThrow();
  });
});

describe("faults: the rest of the sentence in the local voice", () => {
  it("socket dropped after 3 audio messages → the words not yet spoken go to the fallback, one fault recorded", async () => {
    fallback = new RecordingFallback();
    tts = provider();
    fake.injectFault("drop", 3);
    const chunks = await speak(SENTENCE);
    expect(chunks.slice(0, 3).map((c) => c[0])).toEqual([0, 1, 2].map((i) => mulawToLinear(fakeAudioByte(i))));
    expect(chunks.slice(3).every((c) => c[0] === LOCAL_SAMPLE)).toBe(true);
    expect(fallback.requests.map((r) => [r.text, r.voiceId])).toEqual([[WORDS.slice(3).join(" "), "local-en-us-1"]]);
    expect(faults).toEqual([{ provider: "elevenlabs", capability: "tts", error: expect.stringMatching(/socket closed/), action: "fallback_voice" }]);
    // The next sentence reconnects and is ElevenLabs' again.
    const next = await speak("Anything else?");
    expect(next.every((c) => c[0] !== LOCAL_SAMPLE)).toBe(true);
    expect(fake.sockets).toHaveLength(2);
  });

  it("an error message from the server → fallback from the first unspoken word", async () => {
    fallback = new RecordingFallback();
    tts = provider();
    fake.injectFault("error", 2);
    await speak(SENTENCE);
    expect(fallback.requests.map((r) => r.text)).toEqual([WORDS.slice(2).join(" ")]);
    expect(faults[0]?.error).toMatch(/internal_error/);
  });

  it.each([429, 500])("the connection refused with HTTP %i → the whole sentence in the fallback voice of the agent's language", async (status) => {
    fallback = new RecordingFallback();
    tts = provider();
    fake.knobs.refuseWith = status;
    const chunks = await speak("Hola, ¿en qué puedo ayudarle?", { voiceId: "es-voice-1", language: "es-ES" });
    expect(chunks.every((c) => c[0] === LOCAL_SAMPLE)).toBe(true);
    expect(fallback.requests.map((r) => [r.text, r.voiceId])).toEqual([["Hola, ¿en qué puedo ayudarle?", "local-es-es-1"]]);
    expect(faults).toEqual([expect.objectContaining({ error: expect.stringContaining(String(status)), action: "fallback_voice" })]);
  });

  it("audio stalls mid-sentence → the fallback speaks once the timeout has passed, not before and not never", async () => {
    fallback = new RecordingFallback();
    tts = provider({ timeoutMs: 100 });
    fake.injectFault("stall", 1);
    // The timeout on fake timers: it runs when the test moves the time, so neither a slow connection
    // (the same 100 ms limit) nor a late timer on a busy machine decides the outcome.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const stream = tts.synthesize({ text: SENTENCE, voiceId: "21m00Tcm4TlvDq8ikWAM", language: "en-US", onFault: (f) => faults.push(f) })[Symbol.asyncIterator]();
    const chunks = [(await stream.next()).value!]; // the first word's audio, then the socket goes quiet
    const next = stream.next();
    await vi.advanceTimersByTimeAsync(99);
    expect(fallback.requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fallback.requests).toHaveLength(1);
    for (let r = await next; !r.done; r = await stream.next()) chunks.push(r.value);
    expect(chunks[0]!.every((s) => s === mulawToLinear(fakeAudioByte(0)))).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(1).every((c) => c[0] === LOCAL_SAMPLE)).toBe(true);
    expect(fallback.requests.map((r) => r.text)).toEqual([WORDS.slice(1).join(" ")]);
    expect(faults).toEqual([expect.objectContaining({ error: "no audio from ElevenLabs for 100 ms", action: "fallback_voice" })]);
  });
});

describe("restOfSentence", () => {
  it("restarts a word cut in the middle, and is empty once everything was spoken", () => {
    expect(restOfSentence("Hello there friend", 0)).toBe("Hello there friend");
    expect(restOfSentence("Hello there friend", 6)).toBe("there friend");
    expect(restOfSentence("Hello there friend", 8)).toBe("there friend");
    expect(restOfSentence("Hello there friend", 18)).toBe("");
  });
});
