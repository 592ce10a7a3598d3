// What the knowledge base's parts agree on: the formats it reads, what extraction hands to chunking,
// what chunking hands to the index, what retrieval returns, and the JSON the API and the Knowledge
// page exchange. Each part lives in its own module (extract/, chunk.ts, pipeline.ts, search.ts,
// service.ts); this file holds only shapes and the codes users see.

/** Formats a document may be uploaded in. */
export const KNOWLEDGE_FORMATS = ["pdf", "docx", "txt", "markdown", "html", "csv"] as const;
export type KnowledgeFormat = (typeof KNOWLEDGE_FORMATS)[number];

/** Shown to a user whose file is refused (415): what they may upload instead. */
export const SUPPORTED_TYPES_LABEL = "PDF, DOCX, TXT, Markdown, HTML or CSV";

// ───────────────────────────── extraction → chunking ─────────────────────────────

/**
 * One structural unit of a document, in reading order. Headings open a section (level 1 = top);
 * everything until the next heading of the same or a higher level belongs to it. A paragraph is a
 * run of text the author kept together (a PDF line group, a DOCX/HTML paragraph or list item, a CSV
 * row rendered as "Column: value; Column: value").
 */
export type ExtractedBlock =
  | { kind: "heading"; level: number; text: string; page: number | null }
  | { kind: "paragraph"; text: string; page: number | null };

export interface ExtractedDocument {
  /** The document's own title when it has one (PDF metadata, HTML <title>, first H1), else null. */
  title: string | null;
  /** Pages for paged formats (PDF), else null. */
  pageCount: number | null;
  blocks: ExtractedBlock[];
}

/** Why a document could not be processed: stable codes, stored on the document and shown with its sentence. */
export const DOCUMENT_FAILURE_CODES = [
  "UNSUPPORTED_TYPE",
  "CORRUPT_FILE",
  "ENCRYPTED_PDF",
  "NO_TEXT",
  "EMPTY_DOCUMENT",
  "FILE_MISSING",
  "FETCH_FAILED",
  "DUPLICATE_CONTENT",
  "QUOTA_EXCEEDED",
  "PROCESSING_FAILED",
] as const;
export type DocumentFailureCode = (typeof DOCUMENT_FAILURE_CODES)[number];

/** Thrown by extraction (and the pipeline) for a document that cannot be indexed; not retried by the queue. */
export class DocumentFailure extends Error {
  constructor(
    readonly code: DocumentFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "DocumentFailure";
  }
}

/** A chunk before it is stored: what the index holds and retrieval returns. */
export interface ChunkDraft {
  ordinal: number;
  /** Heading path joined with " › " ("Returns › Damaged items"); "" when none. */
  heading: string;
  /** Page of the chunk's first block (PDF), else null. */
  page: number | null;
  text: string;
  tokenCount: number;
}

// ───────────────────────────── retrieval ─────────────────────────────

export type RetrievalMode = "fulltext" | "vector" | "hybrid";

export interface KnowledgeQuery {
  query: string;
  /** Only what this agent may answer from (its documents + the shared ones; its FAQ + the shared ones). */
  agentId?: string | null;
  /** Agent language ("en-US"): picks the full-text configuration the query is parsed with. */
  language?: string;
  limit?: number;
  /** Default "hybrid" (= full-text alone where no embeddings exist). */
  mode?: RetrievalMode;
}

export interface KnowledgePassage {
  source: "document" | "faq";
  /** Chunk id for documents, FAQ entry id for FAQ. */
  id: string;
  documentId: string | null;
  /** Document title, or the FAQ question. */
  title: string;
  heading: string;
  page: number | null;
  text: string;
  /** Higher is better; comparable within one result list only. */
  score: number;
}

// ───────────────────────────── API shapes (JSON) ─────────────────────────────

export type DocumentStatusJson = "QUEUED" | "EXTRACTING" | "CHUNKING" | "INDEXING" | "READY" | "FAILED";

export interface KnowledgeDocumentJson {
  id: string;
  title: string;
  source: "UPLOAD" | "URL" | "TEXT";
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  sourceUrl: string | null;
  language: string;
  allAgents: boolean;
  agentIds: string[];
  status: DocumentStatusJson;
  errorCode: string | null;
  error: string | null;
  pageCount: number | null;
  chunkCount: number;
  charCount: number;
  attempts: number;
  processedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeChunkJson {
  id: string;
  ordinal: number;
  heading: string;
  page: number | null;
  text: string;
  tokenCount: number;
}

export interface FaqEntryJson {
  id: string;
  question: string;
  answer: string;
  /** null: every agent answers with it. */
  agentId: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}
