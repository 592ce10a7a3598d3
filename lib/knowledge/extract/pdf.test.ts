import { getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { makeEncryptedPdf, makePdf, makeScannedPdf } from "../../test/fixtures/knowledge";
import { DocumentFailure } from "../types";
import { extractDocument } from "./index";

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof DocumentFailure ? { code: error.code, message: error.message } : { code: "NOT_A_DOCUMENT_FAILURE", message: String(error) }),
  );

const HANDBOOK = makePdf([
  {
    lines: [
      { text: "Harbor Dental Handbook", size: 24 },
      { text: "Opening hours", size: 16 },
      { text: "We are open Monday to Friday. Our recep-" },
      { text: "tionists answer calls from 8 am." },
      { text: "" },
      { text: "On holidays we close at noon." },
      { text: "12" },
    ],
  },
  { lines: [{ text: "Prices", size: 16 }, { text: "Cleaning", size: 13 }, { text: "A cleaning costs $80 and" }, { text: "Page 2 of 3" }] },
  { lines: [{ text: "takes about 45 minutes." }, { text: "" }, { text: "Café crème – free for patients." }] },
]);

describe("extractDocument(pdf)", () => {
  it("rebuilds headings by font size, paragraphs by spacing, with page numbers", async () => {
    const doc = await extractDocument(HANDBOOK, "pdf");
    expect(doc.pageCount).toBe(3);
    expect(doc.title).toBe("Harbor Dental Handbook");
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Harbor Dental Handbook", page: 1 },
      { kind: "heading", level: 2, text: "Opening hours", page: 1 },
      // The hyphenated line break is mended; the page number "12" is dropped.
      { kind: "paragraph", text: "We are open Monday to Friday. Our receptionists answer calls from 8 am.", page: 1 },
      { kind: "paragraph", text: "On holidays we close at noon.", page: 1 },
      { kind: "heading", level: 2, text: "Prices", page: 2 },
      { kind: "heading", level: 3, text: "Cleaning", page: 2 },
      // A sentence running over a page break stays one paragraph, on the page where it starts.
      { kind: "paragraph", text: "A cleaning costs $80 and takes about 45 minutes.", page: 2 },
      { kind: "paragraph", text: "Café crème – free for patients.", page: 3 },
    ]);
  });

  it("prefers the metadata title, but not a file name put there by the producer", async () => {
    const page = [{ lines: [{ text: "Big heading", size: 20 }, { text: "Body text." }] }];
    expect((await extractDocument(makePdf(page, { title: "Staff Guide 2026" }), "pdf")).title).toBe("Staff Guide 2026");
    expect((await extractDocument(makePdf(page, { title: "Microsoft Word - draft3.docx" }), "pdf")).title).toBe("Big heading");
  });

  it("does not take long or sentence-like large lines for headings, and joins a wrapped heading", async () => {
    const doc = await extractDocument(
      makePdf([
        {
          lines: [
            { text: "Everything you need to know", size: 18 },
            { text: "about your first visit", size: 18 },
            { text: "Bring your insurance card and a list of the medicines you take." },
            { text: "This large line is a pull quote that ends with a period.", size: 18 },
            { text: "More body text follows here." },
          ],
        },
      ]),
      "pdf",
    );
    expect(doc.blocks.filter((b) => b.kind === "heading").map((b) => b.text)).toEqual(["Everything you need to know about your first visit"]);
  });

  it("leaves the caller's bytes intact (pdf.js would otherwise take the buffer)", async () => {
    const bytes = makePdf([{ lines: [{ text: "Hello" }] }]);
    const copy = bytes.slice();
    await extractDocument(bytes, "pdf");
    expect(bytes).toEqual(copy);
  });

  it("ENCRYPTED_PDF for a password-protected PDF (which does open with its password)", async () => {
    const bytes = makeEncryptedPdf("Confidential price list", "secret");
    const failure = await failureOf(extractDocument(bytes, "pdf"));
    expect(failure?.code).toBe("ENCRYPTED_PDF");
    expect(failure?.message).toMatch(/password/);
    const opened = await getDocumentProxy(bytes.slice(), { password: "secret" });
    const content = await (await opened.getPage(1)).getTextContent();
    expect(content.items.map((i) => ("str" in i ? i.str : ""))).toContain("Confidential price list");
    await opened.destroy();
  });

  it("NO_TEXT for a scanned PDF, saying how many pages it has", async () => {
    const failure = await failureOf(extractDocument(makeScannedPdf(3), "pdf"));
    expect(failure).toEqual({ code: "NO_TEXT", message: expect.stringMatching(/looks scanned: it has 3 pages but no text layer/) });
  });

  it("CORRUPT_FILE for a damaged or fake PDF", async () => {
    const truncated = HANDBOOK.subarray(0, 200);
    expect((await failureOf(extractDocument(truncated, "pdf")))?.code).toBe("CORRUPT_FILE");
    expect((await failureOf(extractDocument(new TextEncoder().encode("%PDF-1.7\nnot really"), "pdf")))?.code).toBe("CORRUPT_FILE");
    expect((await failureOf(extractDocument(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), "pdf")))?.code).toBe("CORRUPT_FILE");
  });

  it("stops when its signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("worker shutting down"));
    await expect(extractDocument(HANDBOOK, "pdf", { signal: controller.signal })).rejects.toThrow("worker shutting down");
  });
});
