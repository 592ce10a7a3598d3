import { describe, expect, it } from "vitest";
import { atLeastQuery, operand, phraseQueries, termWeight, type SearchTerm } from "./search-terms";

const term = (lexeme: string, position: number, df = 10, alternatives: string[] = []): SearchTerm => ({ lexeme, alternatives, position, df });

describe("tsquery building", () => {
  it("matches long lexemes as prefixes, short ones whole, with synonyms as alternatives", () => {
    expect(operand(term("refund", 1))).toBe("'refund':*");
    expect(operand(term("week", 1))).toBe("'week'");
    expect(operand(term("week", 1), "A")).toBe("'week':A");
    expect(operand(term("price", 1, 5, ["cost", "charg"]), "A")).toBe("('price':*A | 'cost':A | 'charg':*A)");
    expect(operand(term("refund", 1), "", false)).toBe("'refund'");
  });

  it("escapes quotes and backslashes inside lexemes", () => {
    expect(operand(term("o'neil", 1))).toBe("'o''neil':*");
    expect(operand(term("a\\b", 1))).toBe("'a\\\\b'");
  });

  it("builds 'at least m of n' as an OR of m-term ANDs", () => {
    const terms = [term("alpha", 1), term("bravo", 2), term("charlie", 3)];
    expect(atLeastQuery(terms, 3)).toBe("('alpha' & 'bravo' & 'charlie')");
    expect(atLeastQuery(terms, 2)).toBe("('alpha' & 'bravo') | ('alpha' & 'charlie') | ('bravo' & 'charlie')");
    expect(atLeastQuery(terms, 1, true)).toBe("'alpha':* | 'bravo':* | 'charlie':*");
  });

  it("makes phrases of words that stood next to each other, stop words kept as distance", () => {
    // "hot chocolate with extra cream": positions 1, 2, 5 (with, extra... counted).
    expect(phraseQueries([term("chocol", 2), term("hot", 1), term("cream", 6)])).toEqual(["'hot' <1> 'chocol':*"]);
    expect(phraseQueries([term("refund", 1), term("polici", 3)])).toEqual(["'refund':* <2> 'polici':*"]);
  });

  it("weighs rare terms above common ones", () => {
    expect(termWeight(term("rare", 1, 3), 100_000)).toBeGreaterThan(termWeight(term("common", 1, 30_000), 100_000));
  });
});
