import { describe, expect, it } from "vitest";
import { expectedCallerPhrases, MAX_KNOWLEDGE_PHRASES, MAX_PHRASES, normalizePhrase, numberToWords } from "./caller-phrases";
import { dentalProfile } from "./test-profile";

describe("expectedCallerPhrases", () => {
  const profile = dentalProfile({
    services: ["Teeth whitening", "X-ray & 3D scans"],
    faq: [
      { question: "Do you accept Medicaid?", answer: "Yes." },
      { question: "Is there parking for 24 cars?", answer: "Yes." },
    ],
  });
  const phrases = expectedCallerPhrases(profile);

  it("is 100-400 lower-case word sentences without duplicates", () => {
    expect(phrases.length).toBeGreaterThanOrEqual(100);
    expect(phrases.length).toBeLessThanOrEqual(MAX_PHRASES);
    for (const p of phrases) expect(p).toMatch(/^[a-z']+( [a-z']+)*$/);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it("covers the intents, weekdays, services and FAQ questions (normalised), not callers' names", () => {
    for (const p of ["what time do you open", "are you open on saturday", "what's your address", "i'd like to leave a message", "can i talk to a person", "yes", "no", "that's right", "thank you bye", "my number is", "my name is"])
      expect(phrases).toContain(p);
    // Names come from the recogniser's own list, only when the agent asked for one.
    expect(phrases.filter((p) => /^(?:my name is )?(?:anna|john|mary)$/.test(p))).toEqual([]);
    expect(phrases).toContain("do you accept medicaid");
    expect(phrases).toContain("is there parking for twenty four cars");
    expect(phrases).toContain("do you offer x ray and three d scans");
    expect(phrases).toContain("teeth whitening");
  });

  it("stays within the cap with a large FAQ, keeping the core intents", () => {
    const big = dentalProfile({ faq: Array.from({ length: 500 }, (_, i) => ({ question: `Question number ${i}?`, answer: "A." })) });
    const list = expectedCallerPhrases(big);
    expect(list).toHaveLength(MAX_PHRASES);
    expect(list).toContain("what are your hours");
  });

  it("adds the agent's knowledge phrases on top of the cap, normalised and bounded, keeping the intents", () => {
    const withKnowledge = expectedCallerPhrases(dentalProfile({ knowledgePhrases: ["How much is parking?", "tell me about the Elm Street garage", "what are your hours"] }));
    expect(withKnowledge).toContain("how much is parking");
    expect(withKnowledge).toContain("tell me about the elm street garage");
    expect(withKnowledge.filter((p) => p === "what are your hours")).toHaveLength(1);
    expect(withKnowledge).toContain("i'd like to leave a message");

    const huge = dentalProfile({
      faq: Array.from({ length: 500 }, (_, i) => ({ question: `Question number ${i}?`, answer: "A." })),
      knowledgePhrases: Array.from({ length: 1000 }, (_, i) => `tell me about topic ${i}`),
    });
    const list = expectedCallerPhrases(huge);
    expect(list).toHaveLength(MAX_PHRASES + MAX_KNOWLEDGE_PHRASES);
    expect(list).toContain("tell me about topic zero");
    expect(list).not.toContain("tell me about topic nine hundred ninety nine");
  });

  it("spells numbers out", () => {
    expect(numberToWords("24")).toBe("twenty four");
    expect(numberToWords("1500")).toBe("one thousand five hundred");
    expect(numberToWords("0")).toBe("zero");
    expect(numberToWords("5551234")).toBe("five five five one two three four");
    expect(normalizePhrase("Open 24/7? 100%!")).toBe("open twenty four seven one hundred percent");
  });
});
