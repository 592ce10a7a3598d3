import { describe, expect, it } from "vitest";
import { wavHeader } from "@/lib/audio/wav";
import { computePeaks, parseWav } from "./wav-peaks";

function stereoWav(left: number[], right: number[]): ArrayBuffer {
  const pcm = Buffer.alloc(left.length * 4);
  left.forEach((l, i) => {
    pcm.writeInt16LE(l, i * 4);
    pcm.writeInt16LE(right[i]!, i * 4 + 2);
  });
  const file = Buffer.concat([wavHeader(pcm.length, 8000, 2), pcm]);
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
}

describe("wav peaks", () => {
  it("parses stereo PCM16 into its two channels", () => {
    const pcm = parseWav(stereoWav([1, -2, 3], [100, 200, -300]));
    expect(pcm.sampleRate).toBe(8000);
    expect(Array.from(pcm.channels[0]!)).toEqual([1, -2, 3]);
    expect(Array.from(pcm.channels[1]!)).toEqual([100, 200, -300]);
  });

  it("refuses what is not a PCM16 WAV", () => {
    expect(() => parseWav(new TextEncoder().encode("not a wav at all").buffer)).toThrow(/not a WAV/);
  });

  it("keeps the loudest sample of each bucket, scaled to 0..1", () => {
    const peaks = computePeaks(Int16Array.from([0, 16384, -32768, 0, 0, 0, 8192, 0]), 4);
    expect(Array.from(peaks)).toEqual([0.5, 1, 0, 0.25]);
    expect(computePeaks(new Int16Array(0), 3)).toEqual(new Float32Array(3));
  });
});
