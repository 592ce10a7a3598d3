import { describe, expect, it } from "vitest";
import { createHashEmbedder, hashEmbedding } from "./hash-embedder";

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("hash embedder", () => {
  it("is deterministic, unit length and of the asked dimensions", async () => {
    const e = createHashEmbedder(64);
    const [a, b] = await e.embed(["Parking is free", "Parking is free"]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(64);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
    expect(e.calls).toBe(1);
  });

  it("puts texts sharing words closer than unrelated ones", () => {
    const q = hashEmbedding("where can I park my car", 1536);
    expect(cosine(q, hashEmbedding("Parking for cars is behind the building", 1536))).toBeGreaterThan(
      cosine(q, hashEmbedding("Invoices are due within thirty days", 1536)),
    );
  });

  it("gives the zero vector for text without terms and honours an aborted signal", async () => {
    expect(hashEmbedding("the and of", 8)).toEqual(new Array(8).fill(0));
    await expect(createHashEmbedder().embed(["x"], { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});
