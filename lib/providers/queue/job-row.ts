// Writing a "Job" row: shared by the database queue (the row is the job) and BullMQ's outbox (the row
// waits for the relay to forward it to Redis). Either way it may be written with the caller's
// transaction client, so the job exists exactly when the caller's own rows do.
import { createHash } from "node:crypto";
import { Prisma } from "../../db/generated/client";
import type { QueueTx } from "./types";

/** Tables of the queue; both a PrismaClient and a transaction client can run these statements. */
export type SqlClient = Pick<QueueTx, "$queryRaw" | "$executeRaw">;

/** The channel of the wake-up NOTIFY: its payload is the job name. */
export const QUEUE_CHANNEL = "frontdesk_queue";

// The database's "now" in the UTC wall-clock form the TIMESTAMP(3) columns hold.
export const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
export const ms = (n: number) => Prisma.sql`(${n}::double precision * interval '1 millisecond')`;

export interface JobRow {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  backoffMs: number;
  delayMs: number;
  idempotencyKey?: string;
}

/**
 * An id derived from (name, key), for jobs enqueued with an idempotency key: the same key gives the same
 * BullMQ jobId (BullMQ ignores a second add with a known jobId). No ":" (BullMQ's key separator) and
 * not an integer, both of which BullMQ refuses in custom ids.
 */
export function idempotentJobId(name: string, key: string): string {
  return `k-${createHash("sha256").update(`${name}\0${key}`).digest("hex").slice(0, 40)}`;
}

/**
 * Inserts the row unless one with the same id or the same (name, idempotencyKey) exists, in which case
 * that job's id comes back with `deduplicated`. A NOTIFY wakes the consumers; in a transaction it is
 * delivered on commit (and never on rollback), which is exactly when the job becomes claimable.
 */
export async function insertJobRow(client: SqlClient, row: JobRow): Promise<{ id: string; deduplicated: boolean }> {
  const key = row.idempotencyKey ?? null;
  for (let tries = 0; tries < 3; tries++) {
    // pg_notify returns void, which the driver cannot decode: compare it to NULL and return a boolean.
    const inserted = await client.$queryRaw<{ id: string }[]>`
      WITH ins AS (
        INSERT INTO "Job" ("id", "name", "payload", "status", "attempt", "maxAttempts", "backoffMs", "runAt", "createdAt", "idempotencyKey")
        VALUES (${row.id}, ${row.name}, ${JSON.stringify(row.payload ?? null)}::jsonb, 'WAITING', 0, ${row.attempts}::int,
                ${row.backoffMs}::int, ${NOW} + ${ms(row.delayMs)}, ${NOW}, ${key})
        ON CONFLICT DO NOTHING
        RETURNING "id", "name"
      )
      SELECT "id", pg_notify(${QUEUE_CHANNEL}, "name") IS NULL AS "notified" FROM ins`;
    if (inserted[0]) return { id: inserted[0].id, deduplicated: false };
    if (key === null) throw new Error(`A job with id ${row.id} already exists`);
    const existing = await client.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Job" WHERE ("name" = ${row.name} AND "idempotencyKey" = ${key}) OR "id" = ${row.id} LIMIT 1`;
    if (existing[0]) return { id: existing[0].id, deduplicated: true };
    // The conflicting job was pruned between the two statements: try the insert again.
  }
  throw new Error(`Could not enqueue "${row.name}" with idempotency key ${key}`);
}
