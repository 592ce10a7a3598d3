import { describe, expect, it } from "vitest";
import { decodeMulaw, encodeMulaw, linearToMulaw, MULAW_SILENCE, mulawToLinear } from "./mulaw";

describe("μ-law", () => {
  it("matches known G.711 table values", () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(MULAW_SILENCE).toBe(0xff);
    expect(linearToMulaw(-1)).toBe(0x7f);
    expect(linearToMulaw(32767)).toBe(0x80);
    expect(linearToMulaw(-32768)).toBe(0x00);
    expect(linearToMulaw(100)).toBe(0xf2);
    expect(linearToMulaw(1000)).toBe(0xce);
    expect(mulawToLinear(0xff)).toBe(0);
    expect(mulawToLinear(0x7f)).toBe(0);
    expect(mulawToLinear(0x80)).toBe(32124);
    expect(mulawToLinear(0x00)).toBe(-32124);
    expect(mulawToLinear(0xce)).toBe(988);
  });

  it("round-trips every 16-bit value within the G.711 quantisation step", () => {
    const all = new Int16Array(65536);
    for (let i = 0; i < all.length; i++) all[i] = i - 32768;
    const back = decodeMulaw(encodeMulaw(all));
    for (let i = 0; i < all.length; i++) {
      const x = all[i]!;
      const err = Math.abs(back[i]! - x);
      // The step doubles every segment: 8 near zero up to 1024 in the top one; the top clips at 32124.
      const allowed = Math.abs(x) > 32124 ? Math.abs(x) - 32124 + 1024 : Math.max(8, Math.abs(x) / 16);
      if (err > allowed) throw new Error(`sample ${x} came back as ${back[i]} (error ${err})`);
    }
  });

  it("is stable: encode(decode(b)) === b for every byte but the negative zero", () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const again = encodeMulaw(decodeMulaw(bytes));
    for (let b = 0; b < 256; b++) expect(again[b], `byte ${b}`).toBe(b === 0x7f ? 0xff : b);
  });

  it("writes into a caller buffer and returns the filled part", () => {
    const pcm = new Int16Array([0, 1000, -1000]);
    const bytes = new Uint8Array(8).fill(1);
    const encoded = encodeMulaw(pcm, bytes);
    expect(encoded.buffer).toBe(bytes.buffer);
    expect([...encoded]).toEqual([0xff, 0xce, 0x4e]);
    const out = new Int16Array(3);
    expect(decodeMulaw(encoded, out)).toBe(out);
    expect([...out]).toEqual([0, 988, -988]);
    expect(() => decodeMulaw(new Uint8Array(4), out)).toThrow(RangeError);
    expect(() => encodeMulaw(new Int16Array(9), bytes)).toThrow(RangeError);
  });
});
