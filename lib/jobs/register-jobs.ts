// Every background job the worker runs: its processor and, for periodic work, its schedule.
// Adding a job = a definition + handler in lib/jobs/<domain>/ and one entry here.
import type { Logger } from "pino";
import type { Db } from "../db/client";
import type { Queue } from "../providers/queue/types";
import { reapLostCalls } from "../calls/live/reaper";
import { getEmbeddingProvider } from "../providers/embeddings";
import { getStorage } from "../providers/storage";
import { processDocumentJob, rebuildVocabularyJob } from "./knowledge/definitions";
import { PROCESS_DOCUMENT_CONCURRENCY, runProcessDocument } from "./knowledge/process-document";
import { runRebuildVocabulary } from "./knowledge/rebuild-vocabulary";
import { reapLostCallsJob, REAP_LOST_CALLS_EVERY_MS } from "./maintenance/reap-lost-calls";
import { pruneAuthThrottle, pruneAuthThrottleJob, PRUNE_AUTH_THROTTLE_EVERY_MS } from "./maintenance/prune-auth-throttle";
import { pruneEndedSessions, pruneSessionsJob, PRUNE_SESSIONS_EVERY_MS } from "./maintenance/prune-sessions";

export interface JobDeps {
  db: Db;
  logger: Logger;
}

export async function registerJobs(queue: Queue, { db, logger }: JobDeps): Promise<void> {
  await queue.process(pruneAuthThrottleJob, async ({ olderThanHours }, ctx) => {
    const deleted = await pruneAuthThrottle(db, { olderThanHours });
    logger.info({ job: ctx.name, jobId: ctx.id, deleted }, "pruned auth throttle rows");
  });
  await queue.schedule(pruneAuthThrottleJob, { everyMs: PRUNE_AUTH_THROTTLE_EVERY_MS, payload: {} });

  await queue.process(pruneSessionsJob, async ({ keepDays }, ctx) => {
    const deleted = await pruneEndedSessions(db, { keepDays });
    logger.info({ job: ctx.name, jobId: ctx.id, deleted }, "pruned ended sessions");
  });
  await queue.schedule(pruneSessionsJob, { everyMs: PRUNE_SESSIONS_EVERY_MS, payload: {} });

  await queue.process(reapLostCallsJob, async ({ staleAfterMs }, ctx) => {
    const closed = await reapLostCalls({ staleAfterMs, db });
    if (closed > 0) logger.warn({ job: ctx.name, jobId: ctx.id, closed }, "closed calls whose voice server was lost");
  });
  await queue.schedule(reapLostCallsJob, { everyMs: REAP_LOST_CALLS_EVERY_MS, payload: {} });

  // Knowledge base: documents are extracted, chunked and indexed here, never in a request.
  await queue.process(
    processDocumentJob,
    (payload, ctx) => runProcessDocument(payload, ctx, { db, logger, queue, storage: getStorage(), embedder: getEmbeddingProvider() }),
    { concurrency: PROCESS_DOCUMENT_CONCURRENCY },
  );
  await queue.process(rebuildVocabularyJob, (payload, ctx) => runRebuildVocabulary(payload, ctx, { db, logger }));
}
