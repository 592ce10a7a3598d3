// How the Knowledge page words a document: its type, size, processing stage and counts. Pure, so the
// server's first paint and the browser's agree, and unit-tested.
import { ACCEPTED_EXTENSIONS, FORMAT_MIME } from "@/lib/knowledge/formats";
import type { DocumentStatus, KnowledgeDocument } from "./types";

/** What the file chooser offers (the drop zone takes anything; the server names what it refuses). */
export const UPLOAD_ACCEPT = [...ACCEPTED_EXTENSIONS, ...Object.values(FORMAT_MIME)].join(",");

/** The pipeline's stages in order; FAILED can follow any of them. */
export const PROCESSING_STAGES = ["QUEUED", "EXTRACTING", "CHUNKING", "INDEXING", "READY"] as const;

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  QUEUED: "Queued",
  EXTRACTING: "Extracting",
  CHUNKING: "Chunking",
  INDEXING: "Indexing",
  READY: "Ready",
  FAILED: "Failed",
};

/** READY and FAILED do not change on their own; anything else is still being worked on. */
export function isSettled(status: DocumentStatus): boolean {
  return status === "READY" || status === "FAILED";
}

/** 1-based step of a processing stage ("2 of 4"), or null once settled. */
export function stageStep(status: DocumentStatus): { step: number; of: number } | null {
  const index = PROCESSING_STAGES.findIndex((stage) => stage === status);
  if (isSettled(status) || index < 0) return null;
  return { step: index + 1, of: PROCESSING_STAGES.length - 1 };
}

const UNITS = ["KB", "MB", "GB"] as const;

/** 2048 → "2 KB", 1_572_864 → "1.5 MB"; bytes below 1 KB as bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded.toLocaleString("en-US")} ${UNITS[unit]}`;
}

const TYPE_BY_EXTENSION: Record<string, string> = {
  pdf: "PDF",
  docx: "DOCX",
  txt: "Text",
  md: "Markdown",
  markdown: "Markdown",
  html: "HTML",
  htm: "HTML",
  csv: "CSV",
};

const TYPE_BY_MIME: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "text/plain": "Text",
  "text/markdown": "Markdown",
  "text/html": "HTML",
  "application/xhtml+xml": "HTML",
  "text/csv": "CSV",
};

/** "PDF", "Markdown", "Web page": from the file name first (what the user chose), else the MIME type. */
export function documentTypeLabel(doc: Pick<KnowledgeDocument, "source" | "fileName" | "mimeType">): string {
  const extension = doc.fileName?.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  const byName = extension ? TYPE_BY_EXTENSION[extension] : undefined;
  if (byName) return byName;
  if (doc.source === "URL") return "Web page";
  const mime = doc.mimeType?.split(";")[0]?.trim().toLowerCase();
  return (mime && TYPE_BY_MIME[mime]) ?? (doc.source === "TEXT" ? "Text" : "File");
}

function count(n: number, singular: string): string {
  return `${n.toLocaleString("en-US")} ${singular}${n === 1 ? "" : "s"}`;
}

/** "3 pages · 12 chunks" for a ready document; "" when there is nothing to count yet. */
export function documentCounts(doc: Pick<KnowledgeDocument, "status" | "pageCount" | "chunkCount">): string {
  const parts: string[] = [];
  if (doc.pageCount !== null && doc.pageCount > 0) parts.push(count(doc.pageCount, "page"));
  if (doc.status === "READY" || doc.chunkCount > 0) parts.push(count(doc.chunkCount, "chunk"));
  return parts.join(" · ");
}

/** "Ready · 3 pages · 12 chunks", "Extracting (step 2 of 4)", "Failed: the PDF is encrypted": for the live region. */
export function statusSentence(doc: Pick<KnowledgeDocument, "status" | "pageCount" | "chunkCount" | "error">): string {
  const label = STATUS_LABELS[doc.status];
  if (doc.status === "FAILED") return doc.error ? `${label}: ${doc.error}` : label;
  const step = stageStep(doc.status);
  if (step) return `${label} (step ${step.step} of ${step.of})`;
  const counts = documentCounts(doc);
  return counts ? `${label} · ${counts}` : label;
}
