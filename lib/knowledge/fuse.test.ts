import { describe, expect, it } from "vitest";
import { reciprocalRankFusion, RRF_K } from "./fuse";

const ids = (xs: { item: { id: string } }[]) => xs.map((x) => x.item.id);

describe("reciprocalRankFusion", () => {
  it("ranks an item both lists place well above one only a single list places first", () => {
    const fused = reciprocalRankFusion([
      [{ id: "a" }, { id: "b" }, { id: "c" }],
      [{ id: "d" }, { id: "b" }, { id: "c" }],
    ]);
    // a and d tie (first once each) and keep the order they were seen in.
    expect(ids(fused)).toEqual(["b", "c", "a", "d"]);
    expect(fused[0]!.score).toBeCloseTo(2 / (RRF_K + 2), 12);
  });

  it("keeps a single list's order and handles empty lists", () => {
    expect(ids(reciprocalRankFusion([[{ id: "x" }, { id: "y" }], []]))).toEqual(["x", "y"]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});
