import { describe, expect, it } from "vitest";
import { createResampler, resample } from "./resample";

function sine(freq: number, rate: number, seconds: number, amplitude = 10000): Int16Array {
  const n = Math.round(rate * seconds);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * freq * i) / rate));
  return out;
}

// Amplitude of the `freq` component (Goertzel-style single-bin DFT), over the middle of the signal
// so the filter's start-up and tail do not count.
function toneAmplitude(x: Int16Array, freq: number, rate: number): number {
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  let re = 0;
  let im = 0;
  for (let i = from; i < to; i++) {
    const a = (2 * Math.PI * freq * i) / rate;
    re += x[i]! * Math.cos(a);
    im += x[i]! * Math.sin(a);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

function rms(x: Int16Array): number {
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (to - from));
}

describe("resample 22050 → 8000", () => {
  it("keeps a 1 kHz sine at 1 kHz and at its level, with the right length", () => {
    const out = resample(sine(1000, 22050, 1), 22050, 8000);
    expect(out.length).toBe(8000);
    expect(toneAmplitude(out, 1000, 8000)).toBeCloseTo(10000, -2);
    // All the energy is at 1 kHz: the residual after removing the tone is tiny.
    expect(toneAmplitude(out, 2000, 8000)).toBeLessThan(20);
    expect(rms(out)).toBeCloseTo(10000 / Math.SQRT2, -2);
    // Zero crossings: 2 per cycle → ~2000 a second.
    let crossings = 0;
    for (let i = 1; i < out.length; i++) if ((out[i - 1]! < 0) !== (out[i]! < 0)) crossings++;
    expect(Math.abs(crossings - 2000)).toBeLessThan(4);
  });

  it("removes a 6 kHz tone instead of folding it to 2 kHz", () => {
    const out = resample(sine(6000, 22050, 1), 22050, 8000);
    expect(toneAmplitude(out, 2000, 8000)).toBeLessThan(10); // from 10000: at least -60 dB
    expect(rms(out)).toBeLessThan(10);
  });

  it("streams: chunked pushes give the same samples as one pass", () => {
    const input = sine(440, 22050, 0.5);
    const whole = resample(input, 22050, 8000);
    const r = createResampler(22050, 8000);
    const parts: number[] = [];
    for (let at = 0; at < input.length; at += 317) parts.push(...r.push(input.subarray(at, at + 317)));
    parts.push(...r.flush());
    expect(parts.length).toBe(whole.length);
    expect(parts).toEqual([...whole]);
    // After flush it starts over.
    const again = [...r.push(input), ...r.flush()];
    expect(again).toEqual([...whole]);
  });

  it("also upsamples (8000 → 16000) without imaging", () => {
    const out = resample(sine(1000, 8000, 0.5), 8000, 16000);
    expect(out.length).toBe(8000);
    expect(toneAmplitude(out, 1000, 16000)).toBeCloseTo(10000, -2);
    expect(toneAmplitude(out, 7000, 16000)).toBeLessThan(20);
  });

  it("refuses rates it cannot handle", () => {
    expect(() => createResampler(0, 8000)).toThrow(RangeError);
    expect(() => createResampler(44100, 7919)).toThrow(/phases/);
  });
});

describe("resample 16000 → 8000 (the browser test call's microphone)", () => {
  it("keeps a 1 kHz sine at 1 kHz and at its level, streamed in 20 ms worklet chunks", () => {
    const input = sine(1000, 16_000, 1);
    const r = createResampler(16_000, 8000);
    const parts: number[] = [];
    for (let at = 0; at < input.length; at += 320) parts.push(...r.push(input.subarray(at, at + 320)));
    parts.push(...r.flush());
    const out = Int16Array.from(parts);
    expect(out.length).toBe(8000);
    expect(toneAmplitude(out, 1000, 8000)).toBeCloseTo(10000, -2);
    let crossings = 0;
    for (let i = 1; i < out.length; i++) if (out[i - 1]! < 0 !== out[i]! < 0) crossings++;
    expect(Math.abs(crossings - 2000)).toBeLessThan(4);
  });

  it("filters a 6 kHz tone out instead of folding it to 2 kHz (dropping every other sample would keep it)", () => {
    const tone = sine(6000, 16_000, 1);
    expect(toneAmplitude(resample(tone, 16_000, 8000), 2000, 8000)).toBeLessThan(10);
    const dropped = tone.filter((_, i) => i % 2 === 0);
    expect(toneAmplitude(dropped, 2000, 8000)).toBeGreaterThan(9000);
  });
});
