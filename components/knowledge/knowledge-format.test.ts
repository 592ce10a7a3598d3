import { describe, expect, it } from "vitest";
import { UPLOAD_ACCEPT, documentCounts, documentTypeLabel, formatBytes, isSettled, stageStep, statusSentence } from "./knowledge-format";
import { checkPageUrl } from "./page-url";

describe("knowledge formatting", () => {
  it("sizes files the way people read them", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(1_572_864)).toBe("1.5 MB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20 MB");
    expect(formatBytes(3 * 1024 ** 4)).toBe("3,072 GB");
  });

  it("names the type from the file name first, then the source and MIME type", () => {
    expect(documentTypeLabel({ source: "UPLOAD", fileName: "Prices.PDF", mimeType: "application/octet-stream" })).toBe("PDF");
    expect(documentTypeLabel({ source: "UPLOAD", fileName: "notes.md", mimeType: "text/plain" })).toBe("Markdown");
    expect(documentTypeLabel({ source: "URL", fileName: null, mimeType: "text/html; charset=utf-8" })).toBe("Web page");
    expect(documentTypeLabel({ source: "UPLOAD", fileName: "export", mimeType: "text/csv; charset=utf-8" })).toBe("CSV");
    expect(documentTypeLabel({ source: "UPLOAD", fileName: null, mimeType: null })).toBe("File");
  });

  it("tells stages in flight from settled ones, with the step of four", () => {
    expect(isSettled("READY")).toBe(true);
    expect(isSettled("FAILED")).toBe(true);
    expect(isSettled("QUEUED")).toBe(false);
    expect(stageStep("QUEUED")).toEqual({ step: 1, of: 4 });
    expect(stageStep("INDEXING")).toEqual({ step: 4, of: 4 });
    expect(stageStep("READY")).toBeNull();
  });

  it("counts pages and chunks once there is something to count", () => {
    expect(documentCounts({ status: "READY", pageCount: 3, chunkCount: 12 })).toBe("3 pages · 12 chunks");
    expect(documentCounts({ status: "READY", pageCount: null, chunkCount: 1 })).toBe("1 chunk");
    expect(documentCounts({ status: "EXTRACTING", pageCount: null, chunkCount: 0 })).toBe("");
  });

  it("says what happened in one sentence, with the reason of a failure", () => {
    const base = { pageCount: null, chunkCount: 0, error: null };
    expect(statusSentence({ ...base, status: "CHUNKING" })).toBe("Chunking (step 3 of 4)");
    expect(statusSentence({ ...base, status: "READY", chunkCount: 4 })).toBe("Ready · 4 chunks");
    expect(statusSentence({ ...base, status: "FAILED", error: "The PDF is encrypted." })).toBe("Failed: The PDF is encrypted.");
  });

  it("offers the supported extensions in the file chooser", () => {
    const accept = UPLOAD_ACCEPT.split(",");
    for (const ext of [".pdf", ".docx", ".txt", ".md", ".html", ".csv"]) expect(accept).toContain(ext);
    expect(accept).not.toContain(".exe");
  });

  it("checks a page address before sending it, leaving safety to the server", () => {
    expect(checkPageUrl("  ")).toBe("Enter the page's address");
    expect(checkPageUrl("example.com/prices")).toMatch(/full address/);
    expect(checkPageUrl("ftp://example.com/a")).toMatch(/Only http and https/);
    expect(checkPageUrl("https://user:pw@example.com/")).toMatch(/user name and password/);
    expect(checkPageUrl("https://example.com/prices")).toBeUndefined();
    expect(checkPageUrl("http://127.0.0.1/")).toBeUndefined();
  });
});
