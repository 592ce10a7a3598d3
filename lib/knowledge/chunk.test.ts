import { describe, expect, it } from "vitest";
import { chunkDocument, countTokens } from "./chunk";
import { splitByTokens, splitSentences } from "./chunk-text";
import type { ExtractedBlock, ExtractedDocument } from "./types";

/** n numbered sentences of 10 tokens each ("Fact a3 says that item 3 costs 30 dollars."). */
const sentences = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `Fact ${tag}${i} says that item ${i} costs ${i * 10} dollars.`);
const para = (text: string, page: number | null = null): ExtractedBlock => ({ kind: "paragraph", text, page });
const heading = (level: number, text: string, page: number | null = null): ExtractedBlock => ({ kind: "heading", level, text, page });
const doc = (...blocks: ExtractedBlock[]): ExtractedDocument => ({ title: null, pageCount: null, blocks });

describe("countTokens", () => {
  it("counts words, punctuation marks and symbols, and each CJK character", () => {
    expect(countTokens("Hello, world!")).toBe(4);
    expect(countTokens("Don't pay $3.50 (e.g. cash).")).toBe(10);
    expect(countTokens("東京タワー")).toBe(5);
    expect(countTokens("Crème brûlée 🎉")).toBe(3);
    expect(countTokens("  \n ")).toBe(0);
  });
});

describe("splitSentences", () => {
  it("does not end sentences at abbreviations, initials, numbers or decimals", () => {
    expect(splitSentences("Dr. Lee sees patients at No. 5 Main St. on weekdays, e.g. Mondays. The fee is $3.50. J. R. Smith agrees.")).toEqual([
      "Dr. Lee sees patients at No. 5 Main St. on weekdays, e.g. Mondays.",
      "The fee is $3.50.",
      "J. R. Smith agrees.",
    ]);
  });

  it("ends them at ! ? … quotes, CJK full stops and line breaks, and after 'no.' without a number", () => {
    expect(splitSentences('Open? Yes! He said "come in." I said no. Then… we left.\nNext line 日本です。次です。')).toEqual([
      "Open?",
      "Yes!",
      'He said "come in."',
      "I said no.",
      "Then… we left.",
      "Next line 日本です。",
      "次です。",
    ]);
  });

  it("keeps a lower-case continuation in the sentence", () => {
    expect(splitSentences("It costs approx. ten dollars. Done.")).toEqual(["It costs approx. ten dollars.", "Done."]);
  });
});

describe("splitByTokens", () => {
  it("cuts between words into pieces of the given size, losing nothing", () => {
    const text = Array.from({ length: 95 }, (_, i) => `w${i}`).join(" ");
    const pieces = splitByTokens(text, 40);
    expect(pieces.map(countTokens)).toEqual([40, 40, 15]);
    expect(pieces.join(" ")).toBe(text);
    expect(splitByTokens("零一二三四五六七八九", 4)).toEqual(["零一二三", "四五六七", "八九"]);
  });
});

describe("chunkDocument", () => {
  it("starts a chunk at every heading and carries the heading path", () => {
    const chunks = chunkDocument(
      doc(
        para("Preface text."),
        heading(1, "Returns"),
        para("Return within 30 days."),
        heading(2, "Damaged items"),
        para("Send a photo."),
        heading(3, "Glass"),
        para("Wrap it."),
        heading(2, "Refunds"),
        para("Refunds take a week."),
        heading(1, "Shipping"),
        para("We ship daily."),
      ),
    );
    expect(chunks.map((c) => [c.ordinal, c.heading, c.text])).toEqual([
      [0, "", "Preface text."],
      [1, "Returns", "Return within 30 days."],
      [2, "Returns › Damaged items", "Send a photo."],
      [3, "Returns › Damaged items › Glass", "Wrap it."],
      [4, "Returns › Refunds", "Refunds take a week."],
      [5, "Shipping", "We ship daily."],
    ]);
  });

  it("packs whole paragraphs up to the target, never splitting one that fits", () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => sentences(`p${i}n`, 3).join(" ")); // 30 tokens each
    const chunks = chunkDocument(doc(...paragraphs.map((p) => para(p))), { targetTokens: 100, maxTokens: 200, overlapTokens: 0 });
    expect(chunks.map((c) => c.tokenCount)).toEqual([90, 90, 90, 90]);
    for (const chunk of chunks) for (const piece of chunk.text.split("\n\n")) expect(paragraphs).toContain(piece);
    expect(chunks.map((c) => c.text).join("\n\n")).toBe(paragraphs.join("\n\n"));
  });

  it("splits a paragraph longer than maxTokens at sentence ends and overlaps by whole sentences", () => {
    const facts = sentences("a", 60); // 600 tokens in one paragraph
    const chunks = chunkDocument(doc(heading(1, "Prices"), para(facts.join(" "), 4)));
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.tokenCount).toBeLessThanOrEqual(320);
      expect(chunk.tokenCount).toBe(countTokens(chunk.text));
      expect(chunk.heading).toBe("Prices");
      expect(chunk.page).toBe(4);
      expect(facts).toContain(splitSentences(chunk.text)[0]); // starts at a sentence
      expect(chunk.text.endsWith("dollars.")).toBe(true); // ends at one
    }
    for (let i = 1; i < chunks.length; i++) {
      const previous = splitSentences(chunks[i - 1]!.text);
      const current = splitSentences(chunks[i]!.text);
      const overlap = current.filter((s) => previous.includes(s));
      // The repeated sentences are the previous chunk's last ones, at the start, about 40 tokens' worth.
      expect(overlap).toEqual(previous.slice(previous.length - overlap.length));
      expect(current.slice(0, overlap.length)).toEqual(overlap);
      expect(countTokens(overlap.join(" "))).toBeGreaterThan(0);
      expect(countTokens(overlap.join(" "))).toBeLessThanOrEqual(40);
    }
    // Nothing is lost.
    const seen = new Set(chunks.flatMap((c) => splitSentences(c.text)));
    for (const fact of facts) expect(seen.has(fact)).toBe(true);
  });

  it("splits a run-on sentence longer than maxTokens between words", () => {
    const words = Array.from({ length: 700 }, (_, i) => `word${i}`);
    const chunks = chunkDocument(doc(para(words.join(" "))), { overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(320);
    expect(chunks.map((c) => c.text).join(" ")).toBe(words.join(" "));
  });

  it("takes the page of each chunk's first block", () => {
    const chunks = chunkDocument(
      doc(heading(1, "A", 1), para(sentences("x", 15).join(" "), 1), para(sentences("y", 15).join(" "), 2), para(sentences("z", 15).join(" "), 3)),
      { targetTokens: 150, maxTokens: 200, overlapTokens: 0 },
    );
    expect(chunks.map((c) => c.page)).toEqual([1, 2, 3]);
  });

  it("merges a tiny trailing fragment into the previous chunk of its section, not across sections", () => {
    const body = sentences("m", 17).join(" "); // 170 tokens
    const chunks = chunkDocument(doc(heading(1, "One"), para(body), para("Short tail."), heading(1, "Two"), para("Tiny.")));
    expect(chunks.map((c) => [c.heading, c.text])).toEqual([
      ["One", `${body}\n\nShort tail.`],
      ["Two", "Tiny."],
    ]);
  });

  it("keeps accents, CJK and emoji intact, is deterministic, and skips sections without text", () => {
    const input = doc(heading(1, "Menü 菜单"), para("Crème brûlée 🍮 costs €7. 抹茶ラテは五ドルです。"), heading(1, "Empty"), heading(2, "Also empty"));
    const first = chunkDocument(input);
    expect(first).toEqual([{ ordinal: 0, heading: "Menü 菜单", page: null, text: "Crème brûlée 🍮 costs €7. 抹茶ラテは五ドルです。", tokenCount: 18 }]);
    expect(chunkDocument(input)).toEqual(first);
  });
});
