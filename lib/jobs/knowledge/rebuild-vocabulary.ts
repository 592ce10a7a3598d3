// The worker's side of rebuildVocabularyJob, and the one way knowledge changes ask for it. A rebuild
// reads the current state and overwrites the phrases, so running it twice (at-least-once delivery) or
// for an agent that was deleted meanwhile changes nothing wrong.
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { rebuildVocabulary } from "../../knowledge/vocabulary";
import { enqueueInTransaction } from "../../providers/queue/transactional";
import type { JobContext, JobPayload, QueueTx } from "../../providers/queue/types";
import type { TenantScope } from "../../tenant/scope";
import { systemDb } from "../../tenant/system-scope";
import { rebuildVocabularyJob } from "./definitions";

// Rebuilds asked for within one window are one job, run just after the window closes: uploading fifty
// documents rebuilds each agent's phrases once or twice, not fifty times. The settle time lets the
// transaction that enqueued last in the window commit before the job reads.
export const VOCABULARY_WINDOW_MS = 5_000;
const SETTLE_MS = 2_000;

/**
 * Enqueues the rebuild for these agents (null: every agent of the tenant) in the caller's transaction.
 * A null among them covers the rest, so it is sent alone.
 */
export async function enqueueVocabularyRebuild(tx: QueueTx, scope: TenantScope, agentIds: readonly (string | null)[], now = Date.now()): Promise<void> {
  const targets = agentIds.includes(null) ? [null] : [...new Set(agentIds)];
  const windowStart = Math.floor(now / VOCABULARY_WINDOW_MS) * VOCABULARY_WINDOW_MS;
  const delayMs = windowStart + VOCABULARY_WINDOW_MS - now + SETTLE_MS;
  for (const agentId of targets) {
    await enqueueInTransaction(tx, rebuildVocabularyJob, { tenantId: scope.tenantId, agentId }, {
      delayMs,
      idempotencyKey: `${scope.tenantId}:${agentId ?? "*"}:${windowStart}`,
    });
  }
}

export async function runRebuildVocabulary(
  payload: JobPayload<typeof rebuildVocabularyJob>,
  ctx: JobContext,
  deps: { db: Db; logger: Logger },
): Promise<void> {
  const { scope } = systemDb(payload.tenantId, "worker:knowledge", deps.db);
  const agents = await rebuildVocabulary(scope, payload.agentId, { db: deps.db, signal: ctx.signal });
  deps.logger.info({ job: ctx.name, jobId: ctx.id, tenantId: payload.tenantId, agents }, "rebuilt knowledge vocabulary");
}
