// Writes a document's chunks to the index. Called inside the pipeline's transaction, so the old
// chunks disappear and the new ones appear together with the document turning READY: a reader sees
// either the previous index or the new one, never half of each, and a failure leaves the old one.
//
// One multi-row INSERT per batch through unnest() of parallel arrays: a handful of bind parameters
// however many rows, which keeps a 5 000-chunk document to a few statements. The database computes
// tsv itself (a generated column) from the heading, the text and the row's tsConfig.
import { newRowId } from "../db/row-id";
import type { ScopedDb, ScopedTx } from "../tenant/scoped-db";
import { tsConfigFor } from "./text-search-config";
import type { ChunkDraft } from "./types";
import { hasVectorColumn, VECTOR_DIMENSIONS } from "./vector-support";

// Rows per INSERT: large enough to amortise round trips, small enough to keep one message a few MB.
const BATCH_ROWS = 500;

/** A cuid2-shaped id (a letter, then 23 lowercase letters/digits) like Prisma's @default(cuid(2)). */
export const newChunkId = newRowId;

/** PostgreSQL array literal of a float vector ('{0.1,0.2}'), cast to float8[] (and to vector) in SQL. */
const arrayLiteral = (v: number[]) => `{${v.join(",")}}`;

export async function replaceChunks(
  tx: ScopedTx | ScopedDb,
  documentId: string,
  drafts: ChunkDraft[],
  opts: { language: string; embeddings?: number[][] | null },
): Promise<void> {
  const embeddings = opts.embeddings ?? null;
  if (embeddings && embeddings.length !== drafts.length) {
    throw new Error(`replaceChunks: ${embeddings.length} embeddings for ${drafts.length} chunks`);
  }
  // Through the scoped client: another tenant's document id is NOT_FOUND, and the raw statements
  // below are bound to the tenant the document belongs to.
  const doc = await tx.knowledgeDocument.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, tenantId: true } });
  const tsConfig = tsConfigFor(opts.language);
  const withVector = embeddings !== null && embeddings.every((e) => e.length === VECTOR_DIMENSIONS) && (await hasVectorColumn(tx));

  await tx.$executeRaw`DELETE FROM "KnowledgeChunk" WHERE "tenantId" = ${doc.tenantId} AND "documentId" = ${doc.id}`;

  for (let start = 0; start < drafts.length; start += BATCH_ROWS) {
    const batch = drafts.slice(start, start + BATCH_ROWS);
    const ids = batch.map(() => newChunkId());
    const ordinals = batch.map((d) => d.ordinal);
    const headings = batch.map((d) => d.heading);
    const pages = batch.map((d) => d.page);
    const texts = batch.map((d) => d.text);
    const tokens = batch.map((d) => d.tokenCount);
    // Each embedding travels as one array literal: unnest() of a 2-D array would flatten it.
    const vectors = embeddings ? embeddings.slice(start, start + BATCH_ROWS).map(arrayLiteral) : batch.map(() => "{}");
    if (withVector) {
      await tx.$executeRaw`
        INSERT INTO "KnowledgeChunk" ("id", "tenantId", "documentId", "ordinal", "heading", "page", "text", "tokenCount", "tsConfig", "embedding", "embeddingVec")
        SELECT r.id, ${doc.tenantId}, ${doc.id}, r.ordinal, r.heading, r.page, r.text, r.tokens, ${tsConfig}::regconfig, r.emb::float8[], r.emb::float8[]::vector
        FROM unnest(${ids}::text[], ${ordinals}::int[], ${headings}::text[], ${pages}::int[], ${texts}::text[], ${tokens}::int[], ${vectors}::text[])
          AS r(id, ordinal, heading, page, text, tokens, emb)`;
    } else {
      await tx.$executeRaw`
        INSERT INTO "KnowledgeChunk" ("id", "tenantId", "documentId", "ordinal", "heading", "page", "text", "tokenCount", "tsConfig", "embedding")
        SELECT r.id, ${doc.tenantId}, ${doc.id}, r.ordinal, r.heading, r.page, r.text, r.tokens, ${tsConfig}::regconfig, r.emb::float8[]
        FROM unnest(${ids}::text[], ${ordinals}::int[], ${headings}::text[], ${pages}::int[], ${texts}::text[], ${tokens}::int[], ${vectors}::text[])
          AS r(id, ordinal, heading, page, text, tokens, emb)`;
    }
  }
}
