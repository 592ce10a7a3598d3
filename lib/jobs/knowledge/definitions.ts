// The knowledge base's background jobs. The app enqueues them in the transaction that creates or
// changes the rows (lib/providers/queue/transactional.ts); the worker runs them (register-jobs.ts).
import { z } from "zod";
import { defineJob } from "../../providers/queue/define-job";

/**
 * Extract → chunk → index one document. Idempotent: a rerun (retry, a worker killed mid-document)
 * starts again from the stored file and replaces the chunks in one transaction, so a document is
 * never half-indexed. A DocumentFailure (bad file) is final; anything else is retried.
 */
export const processDocumentJob = defineJob({
  name: "knowledge.process-document",
  schema: z.object({ tenantId: z.string().min(1), documentId: z.string().min(1) }),
  retry: { attempts: 3, backoffMs: 2_000 },
});

/**
 * Rebuilds Agent.knowledgePhrases (the local recogniser's vocabulary for what callers ask about this
 * agent's knowledge). agentId null: every agent of the tenant (a shared document or FAQ changed).
 */
export const rebuildVocabularyJob = defineJob({
  name: "knowledge.rebuild-vocabulary",
  schema: z.object({ tenantId: z.string().min(1), agentId: z.string().min(1).nullable() }),
  retry: { attempts: 3, backoffMs: 2_000 },
});
