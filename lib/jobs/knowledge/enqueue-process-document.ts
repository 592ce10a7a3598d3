// The one way the app asks the worker to process documents: in the transaction that creates (or
// re-queues) them, so a document exists QUEUED if and only if its job does.
import { enqueueInTransaction } from "../../providers/queue/transactional";
import type { QueueTx } from "../../providers/queue/types";
import type { TenantScope } from "../../tenant/scope";
import { processDocumentJob } from "./definitions";

export async function enqueueDocumentProcessing(tx: QueueTx, scope: TenantScope, documentIds: readonly string[]): Promise<void> {
  for (const documentId of documentIds) {
    await enqueueInTransaction(tx, processDocumentJob, { tenantId: scope.tenantId, documentId });
  }
}
