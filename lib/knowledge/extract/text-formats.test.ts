import { describe, expect, it } from "vitest";
import { SAMPLE_CSV, SAMPLE_MARKDOWN, SAMPLE_TXT, utf8 } from "../../test/fixtures/knowledge";
import type { ExtractedDocument } from "../types";
import { detectDelimiter } from "./csv";
import { extractDocument } from "./index";

const outline = (doc: ExtractedDocument) => doc.blocks.map((b) => (b.kind === "heading" ? `${"#".repeat(b.level)} ${b.text}` : b.text));

describe("extractDocument(markdown)", () => {
  it("drops front matter, reads ATX and setext headings, list items and fenced code", async () => {
    const doc = await extractDocument(utf8(SAMPLE_MARKDOWN), "markdown");
    expect(doc.title).toBe("Returns policy");
    expect(outline(doc)).toEqual([
      "# Returns policy",
      "You may return any item within 30 days. Crème brûlée pans included.",
      "## Damaged items",
      "Photograph the damage.",
      "Email support@example.com with your order number.",
      "## Shipping labels",
      "LABEL-CODE 1234",
    ]);
  });

  it("reduces inline markup to text, keeps code fences verbatim and renders pipe tables as rows", async () => {
    const md = [
      "Setext title",
      "============",
      "",
      "Read **the [guide](https://x.test/g)** or `call us`, _today_. ![logo](l.png)",
      "",
      "1. First step",
      "2) Second step",
      "",
      "| Plan | Price |",
      "|------|------:|",
      "| Basic | $10 |",
      "| Pro |  |",
      "",
      "```js",
      "# not a heading",
      "```",
      "#hashtag is text",
      "### Closed heading ###",
    ].join("\n");
    expect(outline(await extractDocument(utf8(md), "markdown"))).toEqual([
      "# Setext title",
      "Read the guide or call us, today. logo",
      "1. First step",
      "2. Second step",
      "Plan: Basic; Price: $10",
      "Plan: Pro",
      "# not a heading",
      "#hashtag is text",
      "### Closed heading",
    ]);
  });
});

describe("extractDocument(txt)", () => {
  it("splits paragraphs on blank lines and takes only clear headings", async () => {
    const doc = await extractDocument(utf8(SAMPLE_TXT), "txt");
    expect(doc.title).toBeNull();
    expect(outline(doc)).toEqual([
      "# WELCOME TO THE BAKERY",
      "We bake fresh bread every morning, including pain au chocolat and 🥐 croissants.",
      "## Delivery hours",
      "We deliver between 7 am and 11 am on weekdays.\nOrders placed after 5 pm arrive the next day.",
      "Thank you for choosing us.",
    ]);
  });

  it("is conservative: no heading without a following paragraph, nor for sentences or long lines", async () => {
    const text = "Call us today: we are open.\n\nNOTE THAT THIS LINE IS SHOUTING BUT IS FAR TOO LONG TO BE A HEADING\nreally.\n\nThe end:";
    expect(outline(await extractDocument(utf8(text), "txt"))).toEqual([
      "Call us today: we are open.",
      "NOTE THAT THIS LINE IS SHOUTING BUT IS FAR TOO LONG TO BE A HEADING\nreally.",
      "The end:",
    ]);
  });

  it("decodes UTF-8 with a BOM and CRLF, falls back to Windows-1252, and keeps CJK and emoji", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Grüße aus Köln\r\n\r\n東京タワー 🗼")]);
    expect(outline(await extractDocument(bom, "txt"))).toEqual(["Grüße aus Köln", "東京タワー 🗼"]);
    const cp1252 = new Uint8Array([...utf8("Caf"), 0xe9, 0x20, 0x80, 0x35, 0x20, 0x93, 0x6f, 0x6b, 0x94]);
    expect(outline(await extractDocument(cp1252, "txt"))).toEqual(["Café €5 “ok”"]);
  });

  it("EMPTY_DOCUMENT for whitespace only; CORRUPT_FILE for binary junk named .txt", async () => {
    await expect(extractDocument(utf8(" \n\t\n  \r\n"), "txt")).rejects.toMatchObject({ code: "EMPTY_DOCUMENT" });
    await expect(extractDocument(new Uint8Array(0), "txt")).rejects.toMatchObject({ code: "EMPTY_DOCUMENT" });
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    await expect(extractDocument(junk, "txt")).rejects.toMatchObject({ code: "CORRUPT_FILE", message: expect.stringMatching(/binary/) });
  });
});

describe("extractDocument(csv)", () => {
  it("one paragraph per row as 'Header: value', under the file name, with ; detected and quotes kept", async () => {
    const doc = await extractDocument(utf8(SAMPLE_CSV), "csv", { fileName: "uploads/Menu 2026.csv" });
    expect(doc.title).toBeNull();
    expect(outline(doc)).toEqual([
      "# Menu 2026",
      "Product: Espresso; Price: 2.50; Notes: Single shot; strong",
      "Product: Latte; Price: 3.80",
      "Product: Matcha 抹茶; Price: 4.20; Notes: Seasonal",
    ]);
  });

  it("detects the delimiter outside quotes, names unnamed columns and skips blank rows", async () => {
    expect(detectDelimiter('"a;b;c",d,e\n1,2,3')).toBe(",");
    expect(detectDelimiter("a\tb\tc\n")).toBe("\t");
    const doc = await extractDocument(utf8("Name,,City\nAda,x,London\n,,\nBob,,\n"), "csv");
    expect(outline(doc)).toEqual(["Name: Ada; Column 2: x; City: London", "Name: Bob"]);
  });

  it("CORRUPT_FILE for an unclosed quote; EMPTY_DOCUMENT for a header without rows", async () => {
    await expect(extractDocument(utf8('a,b\n"open,2\n3,4\n'), "csv")).rejects.toMatchObject({ code: "CORRUPT_FILE" });
    await expect(extractDocument(utf8("Name,Price\n"), "csv", { fileName: "x.csv" })).rejects.toMatchObject({ code: "EMPTY_DOCUMENT" });
  });
});

describe("extractDocument(html)", () => {
  it("decodes the bytes and goes through the HTML path", async () => {
    const doc = await extractDocument(utf8("<title>T</title><h2>Über uns</h2><p>Wir sind da.</p>"), "html");
    expect(doc.title).toBe("T");
    expect(outline(doc)).toEqual(["## Über uns", "Wir sind da."]);
  });
});
