import { describe, expect, it } from "vitest";
import { SAMPLE_HTML, makeDocx } from "../../test/fixtures/knowledge";
import { DocumentFailure } from "../types";
import { extractDocument, extractHtml } from "./index";

const texts = (doc: { blocks: { kind: string; text: string }[] }) => doc.blocks.map((b) => (b.kind === "heading" ? `# ${b.text}` : b.text));

describe("extractHtml", () => {
  it("keeps the <main> content with headings, list items and table rows; drops page furniture", () => {
    const doc = extractHtml(SAMPLE_HTML);
    expect(doc.title).toBe("Harbor Dental — Patient Guide");
    expect(doc.pageCount).toBeNull();
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Patient Guide", page: null },
      { kind: "paragraph", text: "Welcome to Harbor Dental. Our café-style lounge serves espresso while you wait.", page: null },
      { kind: "heading", level: 2, text: "Opening hours", page: null },
      { kind: "paragraph", text: "We are open Monday to Friday from 8 am to 6 pm.", page: null },
      { kind: "paragraph", text: "Saturday: 9 am to 1 pm", page: null },
      { kind: "paragraph", text: "Sunday: closed", page: null },
      { kind: "heading", level: 2, text: "Prices", page: null },
      { kind: "paragraph", text: "Treatment: Cleaning; Price: $80", page: null },
      { kind: "paragraph", text: "Treatment: Whitening; Price: $250", page: null },
    ]);
    const all = JSON.stringify(doc);
    for (const dropped of ["tracking", "Contact", "newsletter", "rights reserved", "color: red"]) expect(all).not.toContain(dropped);
  });

  it("without <main>, drops header/nav/footer from the body and keeps an article's own header", () => {
    const page = `<html><body><header>Site banner</header><nav>Menu</nav><p>Body text &amp; more.</p>
      <form><label>Email</label><input></form><footer>Footer</footer></body></html>`;
    expect(texts(extractHtml(page))).toEqual(["Body text & more."]);
    const article = `<body><header>Site banner</header><article><header><h1>Post title</h1></header><p>Post body.</p><footer>Tags</footer></article></body>`;
    const doc = extractHtml(article);
    expect(texts(doc)).toEqual(["# Post title", "Post body."]);
    expect(doc.title).toBe("Post title");
  });

  it("numbers ordered items, keeps <pre> lines and <br> breaks, does not upper-case headings", () => {
    const doc = extractHtml(`<h3>How to book</h3><ol><li>Call us</li><li>Pick a time</li></ol><pre>Line one\nLine two</pre><p>12 Main St<br>Springfield</p>`);
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 3, text: "How to book", page: null },
      { kind: "paragraph", text: "1. Call us", page: null },
      { kind: "paragraph", text: "2. Pick a time", page: null },
      { kind: "paragraph", text: "Line one\nLine two", page: null },
      { kind: "paragraph", text: "12 Main St\nSpringfield", page: null },
    ]);
  });

  it("renders layout tables as plain blocks, and falls back to the body when <main> is empty", () => {
    const long = "word ".repeat(80).trim();
    expect(texts(extractHtml(`<table><tr><td>${long}</td><td>Side</td></tr></table>`))).toEqual([long, "Side"]);
    expect(texts(extractHtml(`<body><main></main><div><p>Rendered outside main.</p></div></body>`))).toEqual(["Rendered outside main."]);
  });

  it("uses the page address as a last-resort title and refuses a page without text", () => {
    expect(extractHtml("<p>Just text.</p>", { baseUrl: "https://example.com/faq" }).title).toBe("example.com/faq");
    expect(() => extractHtml("<html><head><title>Empty</title></head><body><script>x()</script></body></html>")).toThrow(DocumentFailure);
  });

  it("keeps accents, CJK and emoji", () => {
    const doc = extractHtml("<h1>Menü 菜单</h1><p>Crème brûlée, 抹茶ラテ and 🍰 — naïve façade.</p>");
    expect(texts(doc)).toEqual(["# Menü 菜单", "Crème brûlée, 抹茶ラテ and 🍰 — naïve façade."]);
  });
});

describe("extractDocument(docx)", () => {
  it("maps Word heading styles to headings and table rows to 'Column: value' paragraphs", async () => {
    const bytes = await makeDocx(
      [
        { style: "Heading1", text: "Clinic Guide" },
        { text: "Welcome — bienvenue — 欢迎 👋" },
        { style: "Heading2", text: "Fees" },
        { text: "Prices include tax & <VAT>." },
      ],
      { tables: [[["Treatment", "Price"], ["Cleaning", "$80"], ["X-ray", ""]]] },
    );
    const doc = await extractDocument(bytes, "docx");
    expect(doc.title).toBe("Clinic Guide");
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Clinic Guide", page: null },
      { kind: "paragraph", text: "Welcome — bienvenue — 欢迎 👋", page: null },
      { kind: "heading", level: 2, text: "Fees", page: null },
      { kind: "paragraph", text: "Prices include tax & <VAT>.", page: null },
      { kind: "paragraph", text: "Treatment: Cleaning; Price: $80", page: null },
      { kind: "paragraph", text: "Treatment: X-ray", page: null },
    ]);
  });

  it("CORRUPT_FILE for a truncated zip and for a zip that is not a Word document", async () => {
    const bytes = await makeDocx([{ text: "Hello" }]);
    await expect(extractDocument(bytes.subarray(0, Math.floor(bytes.length / 2)), "docx")).rejects.toMatchObject({ code: "CORRUPT_FILE" });
    const { default: JSZip } = await import("jszip");
    const zip = await new JSZip().file("hello.txt", "hi").generateAsync({ type: "uint8array" });
    await expect(extractDocument(zip, "docx")).rejects.toMatchObject({ code: "CORRUPT_FILE", message: expect.stringMatching(/Word document/) });
  });

  it("EMPTY_DOCUMENT for a Word document with no text", async () => {
    await expect(extractDocument(await makeDocx([{ text: "   " }]), "docx")).rejects.toMatchObject({ code: "EMPTY_DOCUMENT" });
  });
});
