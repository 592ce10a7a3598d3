// The phrases an agent's knowledge adds to the local recogniser's grammar: spoken forms, bounded, and
// made of words the grammar accepts.
import { describe, expect, it } from "vitest";
import { buildKnowledgePhrases, MAX_KNOWLEDGE_PHRASES, MAX_PHRASE_WORDS, spokenQuestion } from "./vocabulary-phrases";
import { frequentTerms } from "./vocabulary-terms";

const GRAMMAR_WORD = /^[a-z][a-z']*$/;

describe("buildKnowledgePhrases", () => {
  it("turns heading paths into what callers say about the topic and its section", () => {
    const phrases = buildKnowledgePhrases({ headings: ["Returns › Damaged items", "Returns › Refunds"], faqQuestions: [], terms: [] });
    expect(phrases).toEqual(expect.arrayContaining(["damaged items", "what about damaged items", "tell me about refunds", "tell me about returns"]));
    // The specific topics come before the section they belong to.
    expect(phrases.indexOf("damaged items")).toBeLessThan(phrases.indexOf("returns"));
  });

  it("says FAQ questions as spoken: lower case, numbers in words, no punctuation, lead-ins dropped", () => {
    const phrases = buildKnowledgePhrases({
      headings: [],
      faqQuestions: ["Is the 24/7 line free?", "Can you tell me: do you take walk-ins?", "What's the cost of a crown, and how long does it take to make?"],
      terms: [],
    });
    expect(phrases).toContain("is the twenty four seven line free");
    expect(phrases).toContain("do you take walk ins");
    // Longer than a phrase may be: left out, not cut mid-question.
    expect(phrases.some((p) => p.startsWith("what's the cost"))).toBe(false);
    expect(spokenQuestion("Hello, could you tell me when you open?")).toEqual(["when", "you", "open"]);
  });

  it("drops section numbers, labels, sentence-long headings and topics of everyday words only", () => {
    const phrases = buildKnowledgePhrases({
      headings: ["Chapter 3: Teeth whitening", "1.2 Parking", "Overview", "More information", "This heading is really a whole sentence about nothing"],
      faqQuestions: [],
      terms: [],
    });
    expect(phrases).toContain("teeth whitening");
    expect(phrases).toContain("parking");
    expect(phrases.some((p) => /overview|information|sentence|chapter|three/.test(p))).toBe(false);
  });

  it("spells acronyms and leaves out words nobody can pronounce", () => {
    const phrases = buildKnowledgePhrases({ headings: ["SKU list", "Gift cards"], faqQuestions: ["Do you accept HSA cards?"], terms: ["pdq", "invisalign"] });
    expect(phrases).toEqual(expect.arrayContaining(["s k u list", "do you accept h s a cards"]));
    expect(phrases.some((p) => p.includes("pdq"))).toBe(false);
    expect(phrases).toEqual(expect.arrayContaining(["gift cards", "invisalign", "tell me about invisalign"]));
  });

  it("is bounded, de-duplicated, and every phrase is grammar words only", () => {
    const headings = Array.from({ length: 500 }, (_, i) => `Services › Treatment ${i} & care (${i}%)`);
    const phrases = buildKnowledgePhrases({ headings, faqQuestions: ["Do you open on Sundays?", "do you open on sundays"], terms: ["crowns", "crowns"] });
    expect(phrases.length).toBe(MAX_KNOWLEDGE_PHRASES);
    expect(new Set(phrases).size).toBe(phrases.length);
    expect(phrases.filter((p) => p === "do you open on sundays")).toHaveLength(1);
    for (const p of phrases) {
      const words = p.split(" ");
      expect(words.length).toBeLessThanOrEqual(MAX_PHRASE_WORDS);
      expect(words.every((w) => GRAMMAR_WORD.test(w)), p).toBe(true);
    }
  });
});

describe("frequentTerms", () => {
  it("keeps words found in several passages, most widespread first, without everyday words", () => {
    const terms = frequentTerms([
      "Invisalign aligners are made for you. Invisalign Invisalign.",
      "Ask about Invisalign and whitening at your check-up.",
      "Whitening takes one hour; aligners take months.",
      "Your appointment is about something else. X-rays take minutes.",
      "We do X-rays in minutes.",
    ]);
    expect(terms.slice(0, 3)).toEqual(["aligners", "invisalign", "whitening"]);
    expect(terms).not.toContain("about");
    expect(terms).not.toContain("appointment"); // one passage only
    expect(terms).not.toContain("rays"); // a hyphenated word is not split into a fragment
    expect(terms).not.toContain("minutes");
  });
});
