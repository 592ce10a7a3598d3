// Helpers every extractor shares for the blocks it hands to chunking: whitespace and Unicode
// normalisation (NFC, so "é" typed two ways matches in search) and the "nothing here" failure.
import { DocumentFailure, type ExtractedBlock, type ExtractedDocument } from "../types";

/** Collapses runs of spaces (keeping single line breaks inside a block) and drops control characters. */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u00ad\u200b\ufeff]/g, (c) => (c === "\u000c" || c === "\u000b" ? " " : ""))
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/**
 * Cleans blocks, drops empty ones and refuses a document without any text. A document made of
 * headings only keeps them as paragraphs, so that its words still reach the index.
 */
export function finishDocument(doc: ExtractedDocument): ExtractedDocument {
  const blocks: ExtractedBlock[] = [];
  for (const block of doc.blocks) {
    const text = block.kind === "heading" ? cleanText(block.text).replace(/\n/g, " ") : cleanText(block.text);
    if (text) blocks.push({ ...block, text });
  }
  if (blocks.length === 0) {
    throw new DocumentFailure("EMPTY_DOCUMENT", "This document is empty: there is no text in it to learn from.");
  }
  const hasBody = blocks.some((b) => b.kind === "paragraph");
  const title = doc.title ? cleanText(doc.title).replace(/\n/g, " ") || null : null;
  return {
    title,
    pageCount: doc.pageCount,
    blocks: hasBody ? blocks : blocks.map((b) => ({ kind: "paragraph" as const, text: b.text, page: b.page })),
  };
}
