import { describe, expect, it } from "vitest";
import { decodeMulaw, encodeMulaw } from "../../audio/mulaw";
import { FRAME_SAMPLES, SAMPLE_RATE } from "../speech/types";
import { MAX_UTTERANCE_SEC, MIN_COMMIT_BYTES, UtteranceAudio } from "./utterance-audio";

/** Frame k: a ramp that differs from frame to frame, so order and loss show in the bytes. */
const frame = (k: number) => Int16Array.from({ length: FRAME_SAMPLES }, (_, i) => ((k * 331 + i * 97) % 20000) - 10000);
const bytesOf = (frames: Int16Array[]) => Buffer.concat(frames.map((f) => Buffer.from(encodeMulaw(f))));
/** Byte-for-byte (a deep toEqual walks hundreds of kilobytes element by element: seconds on a busy machine). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

// A minute of audio built and encoded frame by frame: give a loaded machine room.
describe("UtteranceAudio", { timeout: 20_000 }, () => {
  it("keeps a long utterance whole as its buffer grows, and appends only what was not sent", () => {
    const a = new UtteranceAudio();
    const frames = Array.from({ length: 1500 }, (_, k) => frame(k)); // 30 s: past the first buffer size several times
    const sent: Buffer[] = [];
    frames.forEach((f, k) => {
      a.write(f);
      if (k % 25 === 24) sent.push(Buffer.from(a.takeUnsent()));
    });
    expect(a.length).toBe(1500 * FRAME_SAMPLES);
    expect(a.unsentBytes).toBe(0);
    expect(same(Buffer.concat(sent), bytesOf(frames))).toBe(true);
    expect(same(a.snapshot(), bytesOf(frames))).toBe(true);
    expect(a.seconds).toBeCloseTo(30, 6);
    a.markAllUnsent();
    expect(same(a.takeUnsent(), bytesOf(frames))).toBe(true); // a reconnect replays all of it
  });

  it("past the limit drops the oldest second, and still counts it as heard audio", () => {
    const a = new UtteranceAudio();
    const total = (MAX_UTTERANCE_SEC + 2) * 50;
    const frames = Array.from({ length: total }, (_, k) => frame(k));
    for (const f of frames) a.write(f);
    expect(a.length).toBeLessThanOrEqual(MAX_UTTERANCE_SEC * SAMPLE_RATE);
    expect(a.seconds).toBeCloseTo(total * 0.02, 6);
    // What is kept is the newest audio, in order.
    const kept = a.length / FRAME_SAMPLES;
    expect(same(a.snapshot(), bytesOf(frames.slice(total - kept)))).toBe(true);
  });

  it("pads a very short utterance with silence to the least OpenAI commits, and starts over after clear", () => {
    const a = new UtteranceAudio();
    a.write(frame(1));
    const snap = a.snapshot();
    expect(snap.length).toBe(MIN_COMMIT_BYTES);
    expect(Array.from(decodeMulaw(snap.subarray(FRAME_SAMPLES))).every((x) => Math.abs(x) < 16)).toBe(true);
    a.clear();
    expect([a.length, a.unsentBytes, a.seconds]).toEqual([0, 0, 0]);
  });
});
