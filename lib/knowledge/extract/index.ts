// Extraction: the bytes of an uploaded document → its title, page count and structural blocks,
// or a DocumentFailure saying why it cannot be indexed. One module per format; this one only
// decodes text formats and dispatches. Free of server-only imports: the worker runs it.
import type { ExtractedDocument, KnowledgeFormat } from "../types";
import { extractCsv } from "./csv";
import { extractDocx } from "./docx";
import { extractHtml } from "./html";
import { extractMarkdown } from "./markdown";
import { extractPdf } from "./pdf";
import { decodeText } from "./text-decode";
import { extractTxt } from "./txt";

export { extractHtml } from "./html";

export async function extractDocument(
  bytes: Uint8Array,
  format: KnowledgeFormat,
  opts: { fileName?: string; signal?: AbortSignal } = {},
): Promise<ExtractedDocument> {
  opts.signal?.throwIfAborted();
  switch (format) {
    case "pdf":
      return extractPdf(bytes, opts.signal);
    case "docx":
      return extractDocx(bytes);
    case "html":
      return extractHtml(decodeText(bytes));
    case "markdown":
      return extractMarkdown(decodeText(bytes));
    case "csv":
      return extractCsv(decodeText(bytes), opts.fileName);
    case "txt":
      return extractTxt(decodeText(bytes));
  }
}
