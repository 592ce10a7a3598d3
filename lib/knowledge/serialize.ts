// The public JSON shapes of knowledge documents, chunks and FAQ entries (lib/knowledge/types.ts), and
// the 409 body of a duplicate upload, which names the document that already holds the content.
import type { FaqEntry, KnowledgeChunk, KnowledgeDocument } from "../db/generated/client";
import { errorBody } from "../http/error-response";
import type { FaqEntryJson, KnowledgeChunkJson, KnowledgeDocumentJson } from "./types";
import { DuplicateDocumentError } from "./document-errors";

export type DocumentWithAgents = KnowledgeDocument & { agents: { agentId: string }[] };

type ChunkRow = Pick<KnowledgeChunk, "id" | "ordinal" | "heading" | "page" | "text" | "tokenCount">;

/** A document read for its page: the bounded text preview and, when asked for, a page of chunks. */
export type DocumentDetail = DocumentWithAgents & {
  extractedTextPreview: string | null;
  chunks: ChunkRow[] | null;
  nextChunkCursor: number | null;
};

/** What a document read includes so toDocumentJson can list its agents. */
export const withAgentIds = { agents: { select: { agentId: true }, orderBy: { createdAt: "asc" } } } as const;

export function toDocumentJson(d: DocumentWithAgents): KnowledgeDocumentJson {
  return {
    id: d.id,
    title: d.title,
    source: d.source,
    fileName: d.fileName,
    mimeType: d.mimeType,
    sizeBytes: d.sizeBytes,
    sourceUrl: d.sourceUrl,
    language: d.language,
    allAgents: d.allAgents,
    agentIds: d.allAgents ? [] : d.agents.map((a) => a.agentId),
    status: d.status,
    errorCode: d.errorCode,
    error: d.error,
    pageCount: d.pageCount,
    chunkCount: d.chunkCount,
    charCount: d.charCount,
    attempts: d.attempts,
    processedAt: d.processedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toChunkJson(c: ChunkRow): KnowledgeChunkJson {
  return { id: c.id, ordinal: c.ordinal, heading: c.heading, page: c.page, text: c.text, tokenCount: c.tokenCount };
}

/**
 * The document plus `extractedText` (the preview, at most EXTRACTED_TEXT_PREVIEW_CHARS; truncated says
 * whether the stored text is longer) and, with ?chunks=1, `chunks` and `next_chunk_cursor`.
 */
export function toDocumentDetailJson(d: DocumentDetail) {
  const base = {
    ...toDocumentJson(d),
    extractedText: d.extractedTextPreview,
    extractedTextTruncated: (d.extractedText?.length ?? 0) > (d.extractedTextPreview?.length ?? 0),
  };
  if (!d.chunks) return base;
  return { ...base, chunks: d.chunks.map(toChunkJson), next_chunk_cursor: d.nextChunkCursor };
}

export function toFaqJson(f: FaqEntry): FaqEntryJson {
  return {
    id: f.id,
    question: f.question,
    answer: f.answer,
    agentId: f.agentId,
    enabled: f.enabled,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

/**
 * Runs a handler, answering a duplicate upload or import with the usual error body plus
 * `existing: { id, title }`, so the page can link to the document that already holds the content.
 */
export async function withDuplicateDetails(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof DuplicateDocumentError)) throw err;
    const body = errorBody(err.code, err.message);
    return Response.json({ error: { ...body.error, existing: err.existing } }, { status: err.status });
  }
}
