import { describe, expect, it } from "vitest";
import { faqTerms, rankFaq, searchFaq, stemWord } from "./faq-search";

const FAQ = [
  { question: "What are your weekend hours?", answer: "We're open Saturday 9 to 1 and closed on Sunday." },
  { question: "Do you accept insurance?", answer: "Yes, most major dental plans." },
  { question: "How much does a cleaning cost?", answer: "A standard cleaning is $95." },
  { question: "Is there parking?", answer: "Free parking behind the building." },
  { question: "Do you see children?", answer: "Yes, kids from age three." },
  { question: "Can I pay by credit card?", answer: "We take all major cards and cash." },
];

describe("searchFaq", () => {
  it("ranks by meaning through stemming and phone-vocabulary synonyms", () => {
    expect(searchFaq(FAQ, "are you open on saturdays", 1)[0]!.title).toBe("What are your weekend hours?");
    expect(searchFaq(FAQ, "what's the price of a teeth cleaning", 1)[0]!.title).toBe("How much does a cleaning cost?");
    expect(searchFaq(FAQ, "where can i park my car", 1)[0]!.title).toBe("Is there parking?");
    expect(searchFaq(FAQ, "do you treat kids", 1)[0]!.title).toBe("Do you see children?");
    expect(searchFaq(FAQ, "do you take visa cards", 1)[0]!.title).toBe("Can I pay by credit card?");
  });

  it("returns KnowledgeHits (answer as text, question as title), best first, at most `limit`", () => {
    const hits = searchFaq(FAQ, "insurance and parking", 5);
    expect(hits.map((h) => h.title).sort()).toEqual(["Do you accept insurance?", "Is there parking?"]);
    expect(hits[0]).toMatchObject({ source: "faq", text: expect.any(String) });
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(searchFaq(FAQ, "insurance and parking", 1)).toHaveLength(1);
  });

  it("finds nothing for stop words only, unrelated queries, or an empty FAQ", () => {
    expect(searchFaq(FAQ, "can you tell me what it is", 3)).toEqual([]);
    expect(searchFaq(FAQ, "quantum physics", 3)).toEqual([]);
    expect(searchFaq([], "insurance", 3)).toEqual([]);
  });

  it("rejects a bad limit with a clear error", () => {
    expect(() => searchFaq(FAQ, "insurance", 0)).toThrow(/limit must be a positive integer/);
  });

  it("a rarer term outweighs a common one (idf), and the question outweighs the answer", () => {
    const entries = [
      { question: "Do you offer whitening?", answer: "Yes." },
      { question: "Do you offer payment plans?", answer: "Ask about whitening too." },
      { question: "Do you offer implants?", answer: "Yes." },
    ];
    expect(rankFaq(entries, "do you offer whitening")[0]!.entry.question).toBe("Do you offer whitening?");
  });

  it("reports coverage so callers can tell a full match from one shared word", () => {
    const [full] = rankFaq(FAQ, "do you accept insurance");
    expect(full).toMatchObject({ queryCoverage: 1, questionCoverage: 1 });
    const [partial] = rankFaq(FAQ, "does insurance cover my wisdom teeth surgery");
    expect(partial!.queryCoverage).toBeLessThan(0.5);
  });
});

describe("faqTerms", () => {
  it("drops stop words and fillers, stems, and maps synonyms to one term", () => {
    expect(faqTerms("Um, what are your opening hours?")).toEqual(["hour", "hour"]);
    expect(faqTerms("When do you close on Sundays")).toEqual(["hour", "weekend"]);
    expect(faqTerms("Parking costs")).toEqual(["park", "price"]);
    expect(stemWord("cleanings")).toBe("clean");
    expect(stemWord("glasses")).toBe("glass");
    expect(stemWord("shipping")).toBe("ship");
  });
});
