import { collectPcm } from "../../../audio/pcm";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLE_RATE } from "../types";
import { cleanSpeechText, EspeakTts } from "./espeak-tts";

// One provider (one worker) for the file: starting espeak costs a second or two.
const tts = new EspeakTts();
afterAll(() => tts.close());

const collect = collectPcm;

function rms(x: Int16Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / Math.max(1, x.length));
}

// Dominant pitch (Hz) by autocorrelation over 60-400 Hz.
function pitch(x: Int16Array): number {
  let best = 0;
  let bestLag = 0;
  for (let lag = SAMPLE_RATE / 400; lag <= SAMPLE_RATE / 60; lag++) {
    let acc = 0;
    for (let i = 0; i + lag < x.length; i++) acc += x[i]! * x[i + lag]!;
    if (acc > best) [best, bestLag] = [acc, lag];
  }
  return SAMPLE_RATE / bestLag;
}

const SENTENCE = "What time do you open on Saturday?";
const LONG = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i + 1} of a long answer.`).join(" ");

describe("EspeakTts", { timeout: 30_000 }, () => {
  it("speaks a sentence as 8 kHz PCM of plausible duration", async () => {
    const pcm = await collect(tts.synthesize({ text: SENTENCE, voiceId: "local-en-us-1" }));
    const seconds = pcm.length / SAMPLE_RATE;
    // Six words at espeak's 175 words a minute, plus pauses: between one and four seconds.
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(4);
    expect(rms(pcm)).toBeGreaterThan(500);
  });

  it("offers voices per language with the schema's default first, and falls back for unknown ids", async () => {
    const voices = await tts.voices();
    expect(voices[0]).toMatchObject({ id: "local-en-us-1", language: "en-US", provider: "local" });
    expect(new Set(voices.map((v) => v.id)).size).toBe(voices.length);
    for (const lang of ["en-US", "en-GB", "es-ES", "fr-FR", "de-DE"]) expect(voices.some((v) => v.language === lang)).toBe(true);
    expect(voices.every((v) => !("espeak" in v))).toBe(true);

    const byDefault = await collect(tts.synthesize({ text: "Hello.", voiceId: "local-en-us-1" }));
    const unknown = await collect(tts.synthesize({ text: "Hello.", voiceId: "no-such-voice" }));
    const female = await collect(tts.synthesize({ text: "Hello.", voiceId: "local-en-us-2" }));
    // espeak adds a little noise, so compare shape, not samples: same length and pitch for the
    // fallback, a clearly higher pitch for the female variant.
    expect(Math.abs(unknown.length - byDefault.length)).toBeLessThan(byDefault.length / 100);
    expect(Math.abs(pitch(unknown) - pitch(byDefault))).toBeLessThan(pitch(byDefault) / 10);
    expect(pitch(female)).toBeGreaterThan(pitch(byDefault) * 1.4);
  });

  it("stops promptly on abort without throwing, and the worker serves the next request", async () => {
    const full = await collect(tts.synthesize({ text: LONG, voiceId: "local-en-us-1" }));
    const ctrl = new AbortController();
    let chunks = 0;
    const cut = await collect(tts.synthesize({ text: LONG, voiceId: "local-en-us-1", signal: ctrl.signal }), () => {
      if (++chunks === 1) ctrl.abort();
    });
    expect(chunks).toBe(1);
    expect(cut.length).toBeLessThan(full.length / 4);

    const after = await collect(tts.synthesize({ text: SENTENCE, voiceId: "local-en-us-1" }));
    expect(after.length / SAMPLE_RATE).toBeGreaterThan(1);
  });

  it("yields nothing for a request aborted before it ran, or for empty text", async () => {
    const ctrl = new AbortController();
    const running = collect(tts.synthesize({ text: LONG, voiceId: "local-en-us-1" }));
    const queued = collect(tts.synthesize({ text: SENTENCE, voiceId: "local-en-us-1", signal: ctrl.signal }));
    ctrl.abort();
    expect((await queued).length).toBe(0);
    expect((await running).length).toBeGreaterThan(0);
    expect((await collect(tts.synthesize({ text: "  \n ", voiceId: "local-en-us-1" }))).length).toBe(0);
  });

  it("a consumer that breaks early frees the worker", async () => {
    for await (const chunk of tts.synthesize({ text: LONG, voiceId: "local-en-us-1" })) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    const next = await collect(tts.synthesize({ text: "Goodbye.", voiceId: "local-en-us-1" }));
    expect(next.length).toBeGreaterThan(0);
  });

  it("runs concurrent requests one after the other, in order, both complete", async () => {
    const events: string[] = [];
    const a = collect(tts.synthesize({ text: "First request, a little longer than the second one.", voiceId: "local-en-us-1" }), () =>
      events.push("a"),
    ).then((pcm) => (events.push("a-done"), pcm));
    const b = collect(tts.synthesize({ text: "Second request.", voiceId: "local-en-gb-1" }), () => events.push("b")).then(
      (pcm) => (events.push("b-done"), pcm),
    );
    const [pa, pb] = await Promise.all([a, b]);
    expect(pa.length / SAMPLE_RATE).toBeGreaterThan(1.5);
    expect(pb.length / SAMPLE_RATE).toBeGreaterThan(0.5);
    // Every chunk of the first arrives before any of the second.
    expect(events.indexOf("a-done")).toBeLessThan(events.indexOf("b"));
    expect(events.filter((e) => e === "a").length).toBeGreaterThan(1);
  });

  it("reads control characters and phoneme escapes literally", () => {
    expect(cleanSpeechText("  Hi\u0007 there\n[[h@l'oU]] ")).toBe("Hi there [ [h@l'oU]]");
  });
});
