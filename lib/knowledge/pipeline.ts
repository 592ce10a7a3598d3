// Extract → chunk → index one document, in the worker (never in a request). Each stage is a status the
// Knowledge page polls. A bad file (DocumentFailure) is final: the document says why and the job ends
// normally, so the queue does not retry it. Anything else is retried by the queue, and on the last
// attempt the document fails with PROCESSING_FAILED instead of staying stuck. The run holds a claim
// (pipeline-claim.ts); the only write that makes chunks visible is one transaction at the end.
import type { Logger } from "pino";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { getLogger } from "../logger";
import type { EmbeddingProvider } from "../providers/embeddings/types";
import type { StorageProvider } from "../providers/storage/types";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedDb } from "../tenant/scoped-db";
import { enqueueVocabularyRebuild } from "../jobs/knowledge/rebuild-vocabulary";
import { chunkDocument } from "./chunk";
import { extractDocument } from "./extract";
import { advanceStage, claimDocument, ClaimLostError, failClaim, releaseClaim, type Claim, type ClaimedDocument } from "./pipeline-claim";
import { affectedAgents, commitIndex, embedChunks } from "./pipeline-index";
import { pageOverQuota } from "./document-quota";
import { duplicateFailure, findDuplicate, loadSource, type SourceDocument } from "./pipeline-source";
import { DocumentFailure } from "./types";
import type { UrlSafetyOptions } from "./url-safety";
import { titleOfUrl } from "./url-title";

export { STALE_PROCESSING_MS } from "./pipeline-claim";

export const PROCESSING_FAILED_MESSAGE = "Processing failed; retry it, and contact support if it keeps failing";

export interface ProcessDocumentDeps {
  storage: StorageProvider;
  embedder?: EmbeddingProvider | null;
  signal?: AbortSignal;
  logger?: Logger;
  /** false while the queue will try again: an unexpected error is rethrown for its retry. Default true. */
  finalAttempt?: boolean;
  /** The database (default: the process's). */
  db?: Db;
  /** Web imports: url-safety options (tests stand a local server in for a public site). */
  urlSafety?: UrlSafetyOptions;
}

export type ProcessOutcome = "ready" | "failed" | "skipped";

export async function processDocument(scope: TenantScope, documentId: string, deps: ProcessDocumentDeps): Promise<ProcessOutcome> {
  const db = deps.db ? scopedDb(scope, deps.db) : scopedDb(scope);
  const log = (deps.logger ?? getLogger("knowledge")).child({ documentId });
  deps.signal?.throwIfAborted();
  const claimed = await claimDocument(db, documentId);
  if (!claimed) return "skipped"; // READY (an idempotent rerun), deleted, or another run holds it
  const { claim, doc } = claimed;
  try {
    await runStages(scope, db, claim, doc, deps);
    log.info({ attempts: doc.attempts }, "document ready");
    return "ready";
  } catch (err) {
    if (err instanceof ClaimLostError) {
      log.warn("document was reclaimed by another run; this run stops");
      return "skipped";
    }
    // Aborted: this worker no longer owns the job; the redelivered run (or the stale rule) takes over.
    if (deps.signal?.aborted) throw err;
    if (err instanceof DocumentFailure) {
      await fail(scope, db, claim, doc, err);
      log.info({ code: err.code }, "document failed");
      return "failed";
    }
    if (deps.finalAttempt === false) {
      await releaseClaim(db, claim);
      throw err;
    }
    log.error({ err }, "document processing failed on its last attempt");
    await fail(scope, db, claim, doc, new DocumentFailure("PROCESSING_FAILED", PROCESSING_FAILED_MESSAGE));
    return "failed";
  }
}

async function runStages(scope: TenantScope, db: ScopedDb, claim: Claim, doc: ClaimedDocument, deps: ProcessDocumentDeps): Promise<void> {
  const source = await loadSource(doc, deps);
  if (source.fetched) {
    const other = await findDuplicate(db, doc.id, source.fetched.contentHash);
    if (other !== null) throw duplicateFailure(other);
    const overQuota = await pageOverQuota(db, doc.id, source.fetched.sizeBytes);
    if (overQuota) throw overQuota;
  }
  const extracted = await extractDocument(source.bytes, source.format, { fileName: doc.fileName ?? undefined, signal: deps.signal });
  deps.signal?.throwIfAborted();
  const fetched = source.fetched;
  const title = fetched && extracted.title && isAddressTitle(doc) ? extracted.title.slice(0, 200) : undefined;
  await advanceWithHash(db, claim, fetched ? { contentHash: fetched.contentHash, storageKey: fetched.storageKey, mimeType: fetched.mimeType, sizeBytes: fetched.sizeBytes, title } : {});

  const drafts = chunkDocument(extracted);
  if (drafts.length === 0) throw new DocumentFailure("EMPTY_DOCUMENT", "The document has no text to answer from.");
  deps.signal?.throwIfAborted();
  await advanceStage(db, claim, "INDEXING");

  const embeddings = deps.embedder ? await embedChunks(deps.embedder, drafts, deps.signal) : null;
  deps.signal?.throwIfAborted();
  await commitIndex(scope, db, claim, { extracted, drafts, language: doc.language, embeddings, allAgents: doc.allAgents });
}

/**
 * A web import is titled by its address ("example.com/pricing", as document-create.ts names it) until
 * its page names itself; a title the user typed is kept.
 */
function isAddressTitle(doc: SourceDocument): boolean {
  if (!doc.sourceUrl) return false;
  return doc.title === titleOfUrl(new URL(doc.sourceUrl)) || doc.title === doc.sourceUrl;
}

/** CHUNKING, recording a fetched page's fingerprint; the unique (tenant, hash) index settles a race between two imports. */
async function advanceWithHash(db: ScopedDb, claim: Claim, data: Parameters<typeof advanceStage>[3]): Promise<void> {
  try {
    await advanceStage(db, claim, "CHUNKING", data);
  } catch (err) {
    if (!isUniqueViolation(err) || !data?.contentHash) throw err;
    throw duplicateFailure((await findDuplicate(db, claim.documentId, data.contentHash)) ?? "another document");
  }
}

async function fail(scope: TenantScope, db: ScopedDb, claim: Claim, doc: ClaimedDocument, failure: DocumentFailure): Promise<void> {
  await db.$transaction(async (tx) => {
    if (!(await failClaim(tx, claim, failure.code, failure.message))) return;
    // It had chunks (it was READY before this run): the phrases they gave the recogniser go with them.
    if (doc.chunkCount > 0) await enqueueVocabularyRebuild(tx, scope, await affectedAgents(tx, claim.documentId, doc.allAgents));
  });
}
