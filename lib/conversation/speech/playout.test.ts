import { describe, expect, it } from "vitest";
import { cutAtWord, heardTextOf } from "./playout";

describe("heardTextOf", () => {
  const seg = (text: string, ms: number, firstAudioAt: number, playedAt = -1) => ({ text, samples: ms * 8, firstAudioAt, playedAt });

  it("acked segments whole, the playing one up to the estimated word, nothing after", () => {
    const segments = [seg("Hello there.", 1000, 0, 1000), seg("We open at nine today.", 2200, 100), seg("Bye.", 400, 200)];
    // The second started at the first's mark (1000), 1100 ms of 2200 played: half of its characters.
    expect(heardTextOf(segments, 2100)).toBe("Hello there. We open at");
  });

  it("a segment whose audio arrived after the previous mark starts at its first audio", () => {
    const segments = [seg("One.", 400, 0, 400), seg("Two three four five.", 2000, 1400)];
    expect(heardTextOf(segments, 1400)).toBe("One.");
    expect(heardTextOf(segments, 3400)).toBe("One. Two three four five.");
  });

  it("nothing heard before any audio", () => {
    expect(heardTextOf([seg("Hi.", 300, -1)], 5000)).toBe("");
  });
});

describe("cutAtWord", () => {
  it("never returns half a word", () => {
    expect(cutAtWord("alpha beta gamma", 0.5)).toBe("alpha");
    expect(cutAtWord("alpha beta gamma", 0.7)).toBe("alpha beta");
    expect(cutAtWord("alpha beta gamma", 0.1)).toBe("");
    expect(cutAtWord("alpha beta gamma", 1.2)).toBe("alpha beta gamma");
    expect(cutAtWord("alpha beta gamma", Number.NaN)).toBe("");
  });
});
