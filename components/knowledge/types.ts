// The knowledge base as the REST API returns it (/api/v1/knowledge/*): the shared contract's shapes.
import type { FaqEntryJson, KnowledgeChunkJson, KnowledgeDocumentJson } from "@/lib/knowledge/types";

export type { DocumentStatusJson as DocumentStatus, KnowledgePassage } from "@/lib/knowledge/types";

export type KnowledgeDocument = KnowledgeDocumentJson;
export type KnowledgeChunk = KnowledgeChunkJson;
export type FaqEntry = FaqEntryJson;

/** GET …/documents/:id?chunks=1: the document with one page of its chunks and the extracted text. */
export type KnowledgeDocumentDetail = KnowledgeDocument & {
  chunks: KnowledgeChunk[];
  /** The ordinal the next page starts at; null on the last page. */
  next_chunk_cursor: number | null;
  /** The start of the extracted text (the whole text stays on the server). */
  extractedText: string | null;
  extractedTextTruncated: boolean;
};

/** Which agents answer from a document or FAQ entry: every agent, or the ones listed. */
export type AgentAssignment = { allAgents: true } | { allAgents: false; agentIds: string[] };
