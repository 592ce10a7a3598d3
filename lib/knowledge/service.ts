// Knowledge documents of one tenant: list, read (with chunks), change title and assignment, delete,
// and retry. Every query goes through scopedDb(scope), so another tenant's document id is "not found"
// like one that never existed. Creating documents lives in document-create.ts, the test-retrieval
// search in search-service.ts, FAQ entries in faq-service.ts. Changes that alter what an agent knows
// enqueue its vocabulary rebuild in the same transaction; a deleted document's file goes after the
// commit (a failed delete leaves an orphaned object, never a document without its file).
import { recordAudit } from "../audit/record";
import type { Prisma } from "../db/generated/client";
import { AppError, notFound } from "../errors";
import { enqueueDocumentProcessing } from "../jobs/knowledge/enqueue-process-document";
import { enqueueVocabularyRebuild } from "../jobs/knowledge/rebuild-vocabulary";
import { getLogger } from "../logger";
import { getStorage } from "../providers/storage";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedTx } from "../tenant/scoped-db";
import { resolveAssignment, writeAssignment } from "./assignment";
import { decodeDocumentCursor, encodeDocumentCursor } from "./document-cursor";
import { PROCESSING_STATUSES, STALE_PROCESSING_MS } from "./pipeline-claim";
import type { DocumentListQuery, DocumentReadQuery, DocumentUpdateInput } from "./schemas";
import { withAgentIds, type DocumentDetail, type DocumentWithAgents } from "./serialize";

export { createUploadedDocuments, importWebPage } from "./document-create";

/** The preview's share of the extracted text; the whole text stays in the row. */
export const EXTRACTED_TEXT_PREVIEW_CHARS = 20_000;

export async function listDocuments(scope: TenantScope, q: DocumentListQuery): Promise<{ documents: DocumentWithAgents[]; nextCursor: string | null }> {
  const where: Prisma.KnowledgeDocumentWhereInput[] = [];
  if (q.status) where.push({ status: q.status });
  // An agent's documents: the shared ones and those assigned to it.
  if (q.agentId) where.push({ OR: [{ allAgents: true }, { agents: { some: { agentId: q.agentId } } }] });
  if (q.cursor) {
    const c = decodeDocumentCursor(q.cursor);
    where.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await scopedDb(scope).knowledgeDocument.findMany({
    where: { AND: where },
    include: withAgentIds,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const documents = rows.slice(0, q.limit);
  const last = documents.at(-1);
  return { documents, nextCursor: rows.length > q.limit && last ? encodeDocumentCursor(last) : null };
}

export async function getDocumentOrThrow(scope: TenantScope, id: string, q: Partial<DocumentReadQuery> = {}): Promise<DocumentDetail> {
  const db = scopedDb(scope);
  const doc = await db.knowledgeDocument.findUnique({ where: { id }, include: withAgentIds });
  if (!doc) throw notFound("Document");
  const detail: DocumentDetail = { ...doc, extractedTextPreview: doc.extractedText?.slice(0, EXTRACTED_TEXT_PREVIEW_CHARS) ?? null, chunks: null, nextChunkCursor: null };
  if (!q.chunks) return detail;
  const limit = q.chunkLimit ?? 20;
  const chunks = await db.knowledgeChunk.findMany({
    where: { documentId: id, ordinal: { gte: q.chunkCursor ?? 0 } },
    select: { id: true, ordinal: true, heading: true, page: true, text: true, tokenCount: true },
    orderBy: { ordinal: "asc" },
    take: limit + 1,
  });
  detail.chunks = chunks.slice(0, limit);
  detail.nextChunkCursor = chunks.length > limit ? chunks[limit]!.ordinal : null;
  return detail;
}

/** Agents whose knowledge a document touches (null: all of them). */
const affected = (d: { allAgents: boolean; agents: { agentId: string }[] }): (string | null)[] => (d.allAgents ? [null] : d.agents.map((a) => a.agentId));

export async function updateDocument(scope: TenantScope, id: string, patch: DocumentUpdateInput): Promise<DocumentWithAgents> {
  const db = scopedDb(scope);
  return db.$transaction(async (tx) => {
    const before = await tx.knowledgeDocument.findUnique({ where: { id }, include: withAgentIds });
    if (!before) throw notFound("Document");
    const reassign = patch.allAgents !== undefined || patch.agentIds !== undefined;
    if (reassign) {
      const assignment = await resolveAssignment(tx, patch.allAgents === true ? [] : patch.agentIds);
      await tx.knowledgeDocument.update({ where: { id }, data: { allAgents: assignment.allAgents } });
      await writeAssignment(tx, id, assignment);
    }
    if (patch.title !== undefined) await tx.knowledgeDocument.update({ where: { id }, data: { title: patch.title } });
    const after = await tx.knowledgeDocument.findUniqueOrThrow({ where: { id }, include: withAgentIds });
    // Only a READY document is in anyone's vocabulary; a title is not part of it.
    if (reassign && before.status === "READY") await enqueueVocabularyRebuild(tx, scope, [...affected(before), ...affected(after)]);
    await recordAudit(tx, scope, "knowledge.document.update", { type: "knowledge_document", id }, { fields: Object.keys(patch) });
    return after;
  });
}

export async function deleteDocument(scope: TenantScope, id: string): Promise<void> {
  const storageKey = await scopedDb(scope).$transaction(async (tx: ScopedTx) => {
    const doc = await tx.knowledgeDocument.findUnique({ where: { id }, include: withAgentIds });
    if (!doc) throw notFound("Document");
    await tx.knowledgeDocument.delete({ where: { id } }); // chunks and assignments cascade
    if (doc.status === "READY") await enqueueVocabularyRebuild(tx, scope, affected(doc));
    await recordAudit(tx, scope, "knowledge.document.delete", { type: "knowledge_document", id }, { title: doc.title });
    return doc.storageKey;
  });
  if (storageKey) {
    await getStorage()
      .delete(storageKey)
      .catch((err: unknown) => getLogger("knowledge").warn({ err, key: storageKey }, "could not delete a deleted document's file"));
  }
}

/** Back to the queue: a FAILED document, or one whose run has held a stage for too long (it died). */
export async function retryDocument(scope: TenantScope, id: string, now = new Date()): Promise<DocumentWithAgents> {
  return scopedDb(scope).$transaction(async (tx) => {
    const doc = await tx.knowledgeDocument.findUnique({ where: { id }, select: { status: true } });
    if (!doc) throw notFound("Document");
    const staleBefore = new Date(now.getTime() - STALE_PROCESSING_MS);
    // Conditional, so a run that finishes meanwhile wins and the retry answers 409 instead of undoing it.
    const { count } = await tx.knowledgeDocument.updateMany({
      where: {
        id,
        OR: [{ status: "FAILED" }, { status: { in: [...PROCESSING_STATUSES] }, OR: [{ processingStartedAt: null }, { processingStartedAt: { lt: staleBefore } }] }],
      },
      // Clearing processingStartedAt also fences off a stuck run that might still wake up.
      data: { status: "QUEUED", processingStartedAt: null, errorCode: null, error: null },
    });
    if (count === 0) {
      const why = doc.status === "READY" ? "it is ready" : doc.status === "QUEUED" ? "it is already queued" : "it is being processed right now";
      throw new AppError("NOT_RETRYABLE", `This document cannot be retried: ${why}`);
    }
    await enqueueDocumentProcessing(tx, scope, [id]);
    await recordAudit(tx, scope, "knowledge.document.retry", { type: "knowledge_document", id });
    return tx.knowledgeDocument.findUniqueOrThrow({ where: { id }, include: withAgentIds });
  });
}
