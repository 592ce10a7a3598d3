// Which knowledge format an upload is. The file name's extension and the declared MIME type say
// what the uploader claims; the first bytes confirm it where the format has a signature, so a
// renamed executable or a zip called "notes.pdf" is refused at the door (415) instead of failing
// later in the worker. Pure: the upload route, the URL importer and the worker all call it.
import type { KnowledgeFormat } from "./types";

/** The MIME type stored for (and served with) each format. */
export const FORMAT_MIME: Record<KnowledgeFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  txt: "text/plain",
  markdown: "text/markdown",
  html: "text/html",
  csv: "text/csv",
};

const EXTENSION_FORMAT: Record<string, KnowledgeFormat> = {
  pdf: "pdf",
  docx: "docx",
  txt: "txt",
  text: "txt",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
  csv: "csv",
};

/** For the file input's accept attribute (`ACCEPTED_EXTENSIONS.join(",")`). */
export const ACCEPTED_EXTENSIONS: readonly string[] = Object.keys(EXTENSION_FORMAT).map((ext) => `.${ext}`);

const MIME_FORMAT: Record<string, KnowledgeFormat> = {
  "application/pdf": "pdf",
  [FORMAT_MIME.docx]: "docx",
  "text/plain": "txt",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/csv": "csv",
  "application/csv": "csv",
  // Windows browsers label .csv files with Excel's type.
  "application/vnd.ms-excel": "csv",
};

const TEXT_FORMATS = new Set<KnowledgeFormat>(["txt", "markdown", "html", "csv"]);

const startsWith = (head: Uint8Array, signature: string) => [...signature].every((c, i) => head[i] === c.charCodeAt(0));

/** pdf.js accepts a header anywhere in the first 1024 bytes (some producers prepend junk). */
function hasPdfHeader(head: Uint8Array): boolean {
  const window = head.subarray(0, 1024);
  for (let i = window.indexOf(0x25); i !== -1 && i <= window.length - 5; i = window.indexOf(0x25, i + 1)) {
    if (startsWith(window.subarray(i), "%PDF-")) return true;
  }
  return false;
}

/** Do the first bytes agree with the claimed format? (No head: nothing to contradict the claim.) */
function headMatches(format: KnowledgeFormat, head: Uint8Array | undefined): boolean {
  if (!head || head.length === 0) return true;
  if (format === "pdf") return hasPdfHeader(head);
  if (format === "docx") return startsWith(head, "PK\x03\x04");
  // A text file never holds NUL bytes (UTF-16 is not accepted) nor starts like a PDF or a zip.
  return TEXT_FORMATS.has(format) && !head.includes(0) && !startsWith(head, "%PDF-") && !startsWith(head, "PK\x03\x04");
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/**
 * The format of a file, or null when it is not one the knowledge base reads. A known extension
 * decides (browsers often send text/plain for .md or .csv); otherwise the declared type does
 * ("application/octet-stream" says nothing). `head` (the first bytes, ideally ≥ 1 KB) must agree.
 */
export function detectFormat(input: { fileName?: string | null; mimeType?: string | null; head?: Uint8Array }): KnowledgeFormat | null {
  const byExtension = input.fileName ? EXTENSION_FORMAT[extensionOf(input.fileName)] : undefined;
  const mime = input.mimeType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const format = byExtension ?? MIME_FORMAT[mime] ?? null;
  if (!format) return null;
  return headMatches(format, input.head) ? format : null;
}
