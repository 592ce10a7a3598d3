// Enqueueing from a process that does not run a queue of its own (the Next.js app, the voice server):
// the job is written in the caller's transaction, so it exists if and only if the row it belongs to
// commits. Both queues accept this row: the database queue runs it, the BullMQ worker's outbox relay
// forwards it to Redis (see `EnqueueOptions.tx`). No Redis connection is needed on this side.
import { randomUUID } from "node:crypto";
import { prepareEnqueue } from "./define-job";
import { idempotentJobId, insertJobRow } from "./job-row";
import type { EnqueueOptions, EnqueueResult, JobDefinition, JobInput, QueueTx } from "./types";

export async function enqueueInTransaction<D extends JobDefinition>(
  tx: QueueTx,
  job: D,
  payload: JobInput<D>,
  opts: Omit<EnqueueOptions, "tx"> = {},
): Promise<EnqueueResult> {
  const { data, attempts, backoffMs, delayMs } = prepareEnqueue(job, payload, opts);
  const id = opts.idempotencyKey === undefined ? randomUUID() : idempotentJobId(job.name, opts.idempotencyKey);
  return insertJobRow(tx, { id, name: job.name, payload: data, attempts, backoffMs, delayMs, idempotencyKey: opts.idempotencyKey });
}
