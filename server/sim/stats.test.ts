import { describe, expect, it } from "vitest";
import { Histogram } from "./stats";

describe("Histogram", () => {
  it("gives percentiles to its resolution and survives a JSON round trip and a merge", () => {
    const h = new Histogram(1, 100);
    for (let v = 1; v <= 100; v++) h.add(v - 0.5);
    expect(h.percentile(50)).toBe(50);
    expect(h.percentile(99)).toBe(99);
    const copy = Histogram.fromJSON(JSON.parse(JSON.stringify(h)));
    copy.merge(h.toJSON());
    expect(copy.count).toBe(200);
    expect(copy.percentile(50)).toBe(50);
  });

  it("keeps values above its range in the last bucket, reported as the maximum", () => {
    const h = new Histogram(1, 10);
    h.add(5);
    h.add(5000);
    expect(h.percentile(100)).toBe(5000);
    expect(new Histogram().percentile(50)).toBeNaN();
  });
});
