import { describe, expect, it } from "vitest";
import { hasForbiddenCharacters, text } from "./text";

describe("text primitive", () => {
  const name = text({ label: "Name", min: 1, max: 10 });

  it("refuses NUL and other control characters with a message naming the field", () => {
    for (const bad of ["a\u0000b", "\u0000", "tab\there", "bell\u0007", "del\u007f"]) {
      const result = name.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^Name must not contain control characters/);
    }
  });

  it("lets multi-line fields keep line breaks and tabs, but never NUL", () => {
    const prompt = text({ label: "Prompt", max: 100, multiline: true });
    expect(prompt.parse("line one\r\nline\ttwo\n")).toBe("line one\r\nline\ttwo");
    expect(prompt.safeParse("a\u0000").success).toBe(false);
    expect(prompt.safeParse("a\u000b").success).toBe(false);
  });

  it("refuses lone surrogates (not well-formed text)", () => {
    expect(hasForbiddenCharacters("\ud800x")).toBe(true);
    expect(hasForbiddenCharacters("x\udc00")).toBe(true);
    expect(hasForbiddenCharacters("emoji 😀 ok")).toBe(false);
  });

  it("trims, then checks the length", () => {
    expect(name.parse("  Ava  ")).toBe("Ava");
    expect(name.safeParse("   ").error?.issues[0]?.message).toBe("Name is required");
    expect(name.safeParse("x".repeat(11)).error?.issues[0]?.message).toBe("Name must be at most 10 characters");
    expect(text({ max: 5, trim: false }).parse(" a ")).toBe(" a ");
  });
});
