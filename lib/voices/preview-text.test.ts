import { describe, expect, it } from "vitest";
import { PREVIEW_TEXT_MAX, previewTextFor } from "./preview-text";

describe("previewTextFor", () => {
  it("sends the greeting as typed, with whitespace runs and line breaks collapsed", () => {
    expect(previewTextFor("  Hello,\n\nthanks   for calling! ")).toBe("Hello, thanks for calling!");
  });

  it("leaves the choice of words to the route when the greeting is blank", () => {
    expect(previewTextFor("")).toBeUndefined();
    expect(previewTextFor(" \n\t ")).toBeUndefined();
  });

  it("cuts a long greeting at the last sentence that fits, else at a word", () => {
    const sentence = "Thank you for calling the clinic today. ";
    const long = sentence.repeat(12);
    const cut = previewTextFor(long)!;
    expect(cut.length).toBeLessThanOrEqual(PREVIEW_TEXT_MAX);
    expect(cut.endsWith("today.")).toBe(true);
    const words = "word ".repeat(100);
    const byWord = previewTextFor(words)!;
    expect(byWord.length).toBeLessThanOrEqual(PREVIEW_TEXT_MAX);
    expect(byWord.endsWith("word")).toBe(true);
    expect(previewTextFor("x".repeat(400))).toHaveLength(PREVIEW_TEXT_MAX);
  });
});
