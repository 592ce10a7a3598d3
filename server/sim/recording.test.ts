import { describe, expect, it } from "vitest";
import { buildStereo } from "./recording";

const tone = (n: number, v: number) => new Int16Array(n).fill(v);

describe("buildStereo", () => {
  it("puts the caller left and the agent right, each at its own time on the shared clock", () => {
    const t0 = 1000;
    // Caller speaks 20 ms at t0+0; the agent answers 30 ms later, for 10 ms.
    const stereo = buildStereo([{ at: 1000, samples: tone(160, 111) }], [{ at: 1050, samples: tone(80, -222) }], t0);
    expect(stereo.length).toBe(2 * (50 * 8 + 80));
    const left = (i: number) => stereo[2 * i];
    const right = (i: number) => stereo[2 * i + 1];
    expect(left(0)).toBe(111);
    expect(left(159)).toBe(111);
    expect(left(160)).toBe(0);
    expect(right(399)).toBe(0);
    expect(right(400)).toBe(-222);
    expect(right(479)).toBe(-222);
    expect(left(400)).toBe(0);
  });

  it("overlaps the two sides when they talk at once (a barge-in)", () => {
    const stereo = buildStereo([{ at: 10, samples: tone(160, 5) }], [{ at: 0, samples: tone(320, 7) }], 0);
    // 10 ms in (sample 80) both are talking.
    expect([stereo[160], stereo[161]]).toEqual([5, 7]);
    expect([stereo[0], stereo[1]]).toEqual([0, 7]);
  });

  it("is empty when nothing was said", () => {
    expect(buildStereo([], [], 500).length).toBe(0);
  });
});
