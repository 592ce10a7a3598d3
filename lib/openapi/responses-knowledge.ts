// zod schemas of the knowledge JSON (lib/knowledge/serialize.ts, search-service.ts) for the OpenAPI
// document; the checks at the bottom fail `tsc` when a serializer and its schema drift apart.
import { z } from "zod";
import { DocumentStatus, KnowledgeSource } from "../db/generated/enums";
import type { searchKnowledge } from "../knowledge/search-service";
import type { toChunkJson, toDocumentDetailJson, toDocumentJson, toFaqJson } from "../knowledge/serialize";
import { iso, type Same } from "./responses";

export const documentJsonSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    source: z.enum(KnowledgeSource),
    fileName: z.string().nullable(),
    mimeType: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    sourceUrl: z.string().nullable(),
    language: z.string().describe("The language its text is indexed in, e.g. en-US"),
    allAgents: z.boolean().describe("Every agent answers from it; else only agentIds"),
    agentIds: z.array(z.string()),
    status: z.enum(DocumentStatus),
    errorCode: z.string().nullable().describe("Why it FAILED, as a stable code"),
    error: z.string().nullable(),
    pageCount: z.number().int().nullable(),
    chunkCount: z.number().int(),
    charCount: z.number().int(),
    attempts: z.number().int(),
    processedAt: iso.nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: "KnowledgeDocument" });

export const chunkJsonSchema = z
  .object({
    id: z.string(),
    ordinal: z.number().int(),
    heading: z.string().describe('Heading path joined with " › "; "" when none'),
    page: z.number().int().nullable(),
    text: z.string(),
    tokenCount: z.number().int(),
  })
  .meta({ id: "KnowledgeChunk" });

export const documentDetailJsonSchema = documentJsonSchema
  .extend({
    extractedText: z.string().nullable().describe("A bounded preview of the extracted text"),
    extractedTextTruncated: z.boolean(),
    chunks: z.array(chunkJsonSchema).optional().describe("With ?chunks=1 only"),
    next_chunk_cursor: z.number().int().nullable().optional().describe("With ?chunks=1 only: pass as ?chunkCursor= for the next page"),
  })
  .meta({ id: "KnowledgeDocumentDetail" });

export const faqJsonSchema = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string(),
    agentId: z.string().nullable().describe("null: every agent answers with it"),
    enabled: z.boolean(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: "FaqEntry" });

const passageJsonSchema = z
  .object({
    source: z.enum(["document", "faq"]),
    id: z.string().describe("Chunk id for documents, FAQ entry id for FAQ"),
    documentId: z.string().nullable(),
    title: z.string().describe("Document title, or the FAQ question"),
    heading: z.string(),
    page: z.number().int().nullable(),
    text: z.string(),
    score: z.number().describe("Higher is better; comparable within one result list only"),
  })
  .meta({ id: "KnowledgePassage" });

export const searchResultJsonSchema = z.object({ data: z.array(passageJsonSchema), tookMs: z.number() });

// Compile-time: each schema's type and its serializer's output are the same shape.
type SearchResult = Awaited<ReturnType<typeof searchKnowledge>>;
const documentMatches: Same<z.infer<typeof documentJsonSchema>, ReturnType<typeof toDocumentJson>> = true;
// The detail is a union (with or without chunks): check each variant against the schema with or without them.
type Detail = z.infer<typeof documentDetailJsonSchema>;
type DetailOut = ReturnType<typeof toDocumentDetailJson>;
const detailMatches: Same<Omit<Detail, "chunks" | "next_chunk_cursor">, Exclude<DetailOut, { chunks: unknown }>> = true;
const detailWithChunksMatches: Same<Required<Detail>, Extract<DetailOut, { chunks: unknown }>> = true;
const chunkMatches: Same<z.infer<typeof chunkJsonSchema>, ReturnType<typeof toChunkJson>> = true;
const faqMatches: Same<z.infer<typeof faqJsonSchema>, ReturnType<typeof toFaqJson>> = true;
const passageMatches: Same<z.infer<typeof searchResultJsonSchema>, { data: SearchResult["passages"]; tookMs: SearchResult["tookMs"] }> = true;
void [documentMatches, detailMatches, detailWithChunksMatches, chunkMatches, faqMatches, passageMatches];
