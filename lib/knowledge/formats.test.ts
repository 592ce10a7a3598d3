import { describe, expect, it } from "vitest";
import { makeDocx, makePdf, utf8 } from "../test/fixtures/knowledge";
import { ACCEPTED_EXTENSIONS, FORMAT_MIME, detectFormat } from "./formats";
import { KNOWLEDGE_FORMATS } from "./types";

const PDF_HEAD = makePdf([{ lines: [{ text: "Hello" }] }]).subarray(0, 1024);

describe("detectFormat", () => {
  it("reads the extension first, case-insensitively, and the declared type when there is none", () => {
    expect(detectFormat({ fileName: "Guide.PDF", head: PDF_HEAD })).toBe("pdf");
    expect(detectFormat({ fileName: "notes.md", mimeType: "text/plain" })).toBe("markdown");
    expect(detectFormat({ fileName: "menu.csv", mimeType: "application/vnd.ms-excel" })).toBe("csv");
    expect(detectFormat({ fileName: "page.htm" })).toBe("html");
    expect(detectFormat({ fileName: "readme", mimeType: "text/markdown; charset=utf-8" })).toBe("markdown");
    expect(detectFormat({ mimeType: "application/pdf", head: PDF_HEAD })).toBe("pdf");
  });

  it("refuses unknown types and says nothing for a bare octet stream", () => {
    expect(detectFormat({ fileName: "photo.jpg", mimeType: "image/jpeg" })).toBeNull();
    expect(detectFormat({ fileName: "blob", mimeType: "application/octet-stream" })).toBeNull();
    expect(detectFormat({ fileName: "legacy.doc", mimeType: "application/msword" })).toBeNull();
    expect(detectFormat({})).toBeNull();
  });

  it("refuses a spoofed extension whose bytes disagree", async () => {
    const docx = await makeDocx([{ text: "x" }]);
    expect(detectFormat({ fileName: "report.pdf", head: utf8("just some text") })).toBeNull();
    expect(detectFormat({ fileName: "report.pdf", head: docx.subarray(0, 64) })).toBeNull();
    expect(detectFormat({ fileName: "letter.docx", head: PDF_HEAD })).toBeNull();
    expect(detectFormat({ fileName: "letter.docx", head: docx.subarray(0, 64) })).toBe("docx");
    expect(detectFormat({ fileName: "notes.txt", head: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]) })).toBeNull();
    expect(detectFormat({ fileName: "notes.txt", head: PDF_HEAD })).toBeNull();
    expect(detectFormat({ fileName: "notes.txt", head: docx.subarray(0, 64) })).toBeNull();
    expect(detectFormat({ fileName: "notes.txt", head: utf8("Crème brûlée 🎉") })).toBe("txt");
  });

  it("finds a PDF header after leading junk, as pdf.js does", () => {
    const head = new Uint8Array([...utf8("garbage\n"), ...PDF_HEAD]);
    expect(detectFormat({ fileName: "x.pdf", head })).toBe("pdf");
  });

  it("has a MIME type per format and accepted extensions for the file picker", () => {
    expect(Object.keys(FORMAT_MIME).sort()).toEqual([...KNOWLEDGE_FORMATS].sort());
    for (const ext of ACCEPTED_EXTENSIONS) expect(detectFormat({ fileName: `a${ext}` })).not.toBeNull();
    expect(ACCEPTED_EXTENSIONS).toEqual(expect.arrayContaining([".pdf", ".docx", ".txt", ".md", ".html", ".csv"]));
  });
});
