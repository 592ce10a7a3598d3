// Who may process a document right now. A run claims the document with one conditional update (two
// workers racing for it: the database lets one through), and the claim's timestamp is its fencing
// token: every later status change of the run is conditional on it, so a run whose claim was taken
// over (it looked dead and was reclaimed as stale) can no longer write anything.
import type { DocumentStatus } from "../db/generated/enums";
import type { ScopedDb, ScopedTx } from "../tenant/scoped-db";
import type { DocumentFailureCode } from "./types";

/** A run that has held a processing stage this long without finishing is presumed dead and may be reclaimed. */
export const STALE_PROCESSING_MS = 10 * 60_000;

export const PROCESSING_STATUSES = ["EXTRACTING", "CHUNKING", "INDEXING"] as const satisfies readonly DocumentStatus[];
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

/** The run's hold on one document: written into processingStartedAt, compared on every write. */
export interface Claim {
  documentId: string;
  claimedAt: Date;
}

/** Thrown inside a run when its claim is no longer the document's: it stops without writing more. */
export class ClaimLostError extends Error {
  constructor(documentId: string) {
    super(`Document ${documentId} was reclaimed by another run`);
    this.name = "ClaimLostError";
  }
}

// What a run needs of the document, returned by the claim itself (one round trip, not two).
const CLAIMED_FIELDS = {
  id: true,
  tenantId: true,
  title: true,
  source: true,
  fileName: true,
  mimeType: true,
  storageKey: true,
  sourceUrl: true,
  language: true,
  allAgents: true,
  chunkCount: true,
  attempts: true,
} as const;

export type ClaimedDocument = Awaited<ReturnType<typeof claimUpdate>>[number];

function claimUpdate(db: ScopedDb, documentId: string, now: Date) {
  const staleBefore = new Date(now.getTime() - STALE_PROCESSING_MS);
  return db.knowledgeDocument.updateManyAndReturn({
    where: {
      id: documentId,
      OR: [
        { status: { in: ["QUEUED", "FAILED"] } },
        { status: { in: [...PROCESSING_STATUSES] }, OR: [{ processingStartedAt: null }, { processingStartedAt: { lt: staleBefore } }] },
      ],
    },
    data: { status: "EXTRACTING", attempts: { increment: 1 }, processingStartedAt: now, errorCode: null, error: null },
    select: CLAIMED_FIELDS,
  });
}

/**
 * Claims a document that is queued, failed (a retry), or stuck in a processing stage for longer than
 * STALE_PROCESSING_MS. null: it is READY, deleted, or another run holds a fresh claim.
 */
export async function claimDocument(db: ScopedDb, documentId: string, now = new Date()): Promise<{ claim: Claim; doc: ClaimedDocument } | null> {
  const [doc] = await claimUpdate(db, documentId, now);
  return doc ? { claim: { documentId, claimedAt: now }, doc } : null;
}

const held = (claim: Claim) => ({ id: claim.documentId, processingStartedAt: claim.claimedAt, status: { in: [...PROCESSING_STATUSES] } });

/** Moves the run to its next stage (the status the Knowledge page polls); throws ClaimLostError if it lost the document. */
export async function advanceStage(db: ScopedDb | ScopedTx, claim: Claim, status: ProcessingStatus, data: { contentHash?: string; storageKey?: string; mimeType?: string; sizeBytes?: number; title?: string } = {}): Promise<void> {
  const { count } = await db.knowledgeDocument.updateMany({ where: held(claim), data: { ...data, status } });
  if (count !== 1) throw new ClaimLostError(claim.documentId);
}

/** Inside the final transaction: locks the row and checks the claim before anything else is written. */
export async function completeClaim(
  tx: ScopedTx,
  claim: Claim,
  data: { pageCount: number | null; chunkCount: number; charCount: number; extractedText: string },
): Promise<void> {
  const { count } = await tx.knowledgeDocument.updateMany({
    where: held(claim),
    data: { ...data, status: "READY", processedAt: new Date(), errorCode: null, error: null },
  });
  if (count !== 1) throw new ClaimLostError(claim.documentId);
}

/** A final failure: the document says why; its chunks go (a failed document answers nothing). false: claim lost. */
export async function failClaim(tx: ScopedTx, claim: Claim, code: DocumentFailureCode, message: string): Promise<boolean> {
  const { count } = await tx.knowledgeDocument.updateMany({
    where: held(claim),
    data: { status: "FAILED", errorCode: code, error: message, chunkCount: 0, processingStartedAt: null },
  });
  if (count !== 1) return false;
  await tx.knowledgeChunk.deleteMany({ where: { documentId: claim.documentId } });
  return true;
}

/** Hands the document back to the queue's retry: QUEUED again, claim released. */
export async function releaseClaim(db: ScopedDb, claim: Claim): Promise<void> {
  await db.knowledgeDocument.updateMany({ where: held(claim), data: { status: "QUEUED", processingStartedAt: null } });
}
