// The worker's side of processDocumentJob. The pipeline does the work and keeps it idempotent; this
// handler builds the tenant's scope from the payload, tells the pipeline whether the queue will try
// again, and covers one gap of at-least-once delivery: a run that finds the document held by a fresh
// claim (a duplicate job, or the redelivery of a job whose worker died) schedules one check for when
// that claim turns stale, so a document whose worker vanished is picked up without anyone pressing retry.
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { processDocument } from "../../knowledge/pipeline";
import { PROCESSING_STATUSES, STALE_PROCESSING_MS } from "../../knowledge/pipeline-claim";
import type { EmbeddingProvider } from "../../providers/embeddings/types";
import { resolveRetry } from "../../providers/queue/define-job";
import type { JobContext, JobPayload, Queue } from "../../providers/queue/types";
import type { StorageProvider } from "../../providers/storage/types";
import { systemDb } from "../../tenant/system-scope";
import { processDocumentJob } from "./definitions";

export const PROCESS_DOCUMENT_CONCURRENCY = 2;

export interface ProcessDocumentJobDeps {
  db: Db;
  logger: Logger;
  queue: Pick<Queue, "enqueue">;
  storage: StorageProvider;
  embedder: EmbeddingProvider | null;
}

export async function runProcessDocument(payload: JobPayload<typeof processDocumentJob>, ctx: JobContext, deps: ProcessDocumentJobDeps): Promise<void> {
  const { scope, db } = systemDb(payload.tenantId, "worker:knowledge", deps.db);
  const logger = deps.logger.child({ job: ctx.name, jobId: ctx.id, tenantId: payload.tenantId });
  const finalAttempt = ctx.attempt >= resolveRetry(processDocumentJob).attempts;
  const outcome = await processDocument(scope, payload.documentId, {
    db: deps.db,
    storage: deps.storage,
    embedder: deps.embedder,
    signal: ctx.signal,
    logger,
    finalAttempt,
  });
  if (outcome !== "skipped") return;

  const doc = await db.knowledgeDocument.findUnique({ where: { id: payload.documentId }, select: { status: true, processingStartedAt: true } });
  if (!doc?.processingStartedAt || !(PROCESSING_STATUSES as readonly string[]).includes(doc.status)) return;
  const staleAt = doc.processingStartedAt.getTime() + STALE_PROCESSING_MS;
  // One check per claim (the key), however many duplicate jobs found it held.
  await deps.queue.enqueue(processDocumentJob, payload, {
    delayMs: Math.max(0, staleAt - Date.now()) + 1_000,
    idempotencyKey: `${payload.documentId}:${staleAt}`,
  });
  logger.info({ documentId: payload.documentId, checkAt: new Date(staleAt).toISOString() }, "document held by another run; checking again when its claim turns stale");
}
