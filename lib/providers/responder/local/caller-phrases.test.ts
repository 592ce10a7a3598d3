import { describe, expect, it } from "vitest";
import { expectedCallerPhrases, MAX_PHRASES, normalizePhrase, numberToWords } from "./caller-phrases";
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

  it("covers the intents, weekdays, services, FAQ questions (normalised) and names", () => {
    for (const p of ["what time do you open", "are you open on saturday", "what's your address", "i'd like to leave a message", "can i talk to a person", "yes", "no", "that's right", "thank you bye", "my number is", "my name is anna"])
      expect(phrases).toContain(p);
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

  it("spells numbers out", () => {
    expect(numberToWords("24")).toBe("twenty four");
    expect(numberToWords("1500")).toBe("one thousand five hundred");
    expect(numberToWords("0")).toBe("zero");
    expect(numberToWords("5551234")).toBe("five five five one two three four");
    expect(normalizePhrase("Open 24/7? 100%!")).toBe("open twenty four seven one hundred percent");
  });
});
