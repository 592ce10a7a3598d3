// PDF → blocks with unpdf (pdf.js built for servers). Reads each page's positioned text and hands it
// to pdf-layout.ts; refuses what cannot be indexed with a reason the owner can act on: a password,
// a damaged file, or a scan with no text layer.
import { getDocumentProxy } from "unpdf";
import { DocumentFailure, type ExtractedDocument } from "../types";
import { finishDocument } from "./blocks";
import { linesToBlocks, pageLines, type PdfLine, type PdfTextRun } from "./pdf-layout";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

function loadFailure(error: unknown): DocumentFailure {
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") {
    return new DocumentFailure("ENCRYPTED_PDF", "This PDF is protected by a password. Remove the password (print it to a new PDF) and upload it again.");
  }
  return new DocumentFailure("CORRUPT_FILE", "This PDF could not be read: the file is damaged or is not really a PDF. Export it again and upload the new file.");
}

/** Producers put their own file names in the Title field; those are not titles. */
function metadataTitle(info: unknown): string | null {
  const raw = (info as { Title?: unknown } | null)?.Title;
  if (typeof raw !== "string") return null;
  const title = raw.replace(/^Microsoft (Word|PowerPoint) - /, "").trim();
  if (!title || /^untitled$/i.test(title) || /\.(docx?|pdf|pptx?|odt|rtf|txt)$/i.test(title)) return null;
  return title;
}

async function readRuns(pdf: PdfDocument, pageNumber: number): Promise<PdfTextRun[]> {
  const page = await pdf.getPage(pageNumber);
  const content = await page.getTextContent();
  page.cleanup();
  const runs: PdfTextRun[] = [];
  for (const item of content.items) {
    if (!("str" in item)) continue;
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
    runs.push({ str: item.str, x, y, width: item.width, size: Math.hypot(c, d) || item.height, hasEOL: item.hasEOL });
  }
  return runs;
}

export async function extractPdf(bytes: Uint8Array, signal?: AbortSignal): Promise<ExtractedDocument> {
  signal?.throwIfAborted();
  let pdf: PdfDocument;
  try {
    // A copy: pdf.js takes ownership of (and may detach) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    throw loadFailure(error);
  }
  try {
    const lines: PdfLine[] = [];
    for (let page = 1; page <= pdf.numPages; page++) {
      signal?.throwIfAborted();
      let runs: PdfTextRun[];
      try {
        runs = await readRuns(pdf, page);
      } catch (error) {
        throw loadFailure(error);
      }
      lines.push(...pageLines(runs, page));
    }
    if (lines.length === 0) {
      const pages = pdf.numPages === 1 ? "1 page" : `${pdf.numPages} pages`;
      throw new DocumentFailure("NO_TEXT", `This PDF looks scanned: it has ${pages} but no text layer. Upload a PDF with text (run it through OCR) or a DOCX.`);
    }
    const blocks = linesToBlocks(lines);
    const meta = await pdf.getMetadata().catch(() => null);
    const firstHeading = blocks.find((b) => b.kind === "heading");
    const title = metadataTitle(meta?.info) ?? (firstHeading?.text ?? null);
    return finishDocument({ title, pageCount: pdf.numPages, blocks });
  } finally {
    await pdf.destroy();
  }
}
