import { describe, expect, it } from "vitest";
import { synonymCandidates } from "./query-synonyms";

const words = (q: string, cfg = "english") => synonymCandidates(q, cfg).map((s) => s.word);

describe("synonymCandidates", () => {
  it("expands a caller's word with its group, in any inflection", () => {
    expect(words("How much does it cost?")).toEqual(expect.arrayContaining(["price", "fee", "charge"]));
    expect(words("Where do I leave the cars?")).toEqual(expect.arrayContaining(["parking", "garage"]));
  });

  it("lets a phrase decide a word's meaning", () => {
    const inCharge = words("Who is in charge there?");
    expect(inCharge).toEqual(expect.arrayContaining(["manager"]));
    expect(inCharge).not.toContain("price");
  });

  it("leaves other questions and other languages alone", () => {
    expect(words("zebra crossing")).toEqual([]);
    expect(words("¿Cuánto cuesta el parking?", "spanish")).toEqual([]);
  });
});
