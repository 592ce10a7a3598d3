// The transactional outbox of the BullMQ queue. Redis cannot join a PostgreSQL transaction, so a job
// enqueued with `{ tx }` is written as a "Job" row in the caller's transaction (job-row.ts); this relay,
// running in the worker, forwards committed rows to BullMQ and then deletes them. The BullMQ jobId is
// the row's id, so a relay that dies between the add and the delete (or two relays racing) adds the
// same job id again, which BullMQ ignores: no duplicate. A rolled-back row never existed.
// (With REDIS_URL set, the "Job" table holds nothing but this outbox.)
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { IdlePoller } from "./idle-poller";
import { ms, NOW } from "./job-row";
import { NotifyListener } from "./notify-listener";

export interface OutboxRow {
  id: string;
  name: string;
  payload: unknown;
  maxAttempts: number;
  backoffMs: number;
  /** Until its runAt; 0 when due. */
  delayMs: number;
}

export interface OutboxRelayOptions {
  db: Db;
  /** Adds one row to BullMQ with jobId = row.id. */
  forward: (row: OutboxRow) => Promise<void>;
  listenUrl?: string;
  log?: Logger;
  pollMs?: number;
  maxIdlePollMs?: number;
}

const BATCH = 100;
/** A batch claimed by a relay that then died is taken over after this long. */
const CLAIM_TIMEOUT_MS = 60_000;

export class OutboxRelay {
  private readonly poller: IdlePoller;
  private readonly listener?: NotifyListener;
  private readonly relayId = `relay:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(private readonly opts: OutboxRelayOptions) {
    const minMs = Math.max(10, opts.pollMs ?? 200);
    this.poller = new IdlePoller({
      minMs,
      maxMs: Math.max(minMs, opts.maxIdlePollMs ?? 5000),
      round: async () => ({ found: (await this.relayBatch()) > 0 }),
      onError: (err) => opts.log?.warn({ err }, "outbox relay failed; retrying"),
    });
    if (opts.listenUrl) {
      this.listener = new NotifyListener({
        url: opts.listenUrl,
        log: opts.log,
        db: opts.db,
        onWake: () => this.poller.wake(),
      });
    }
  }

  start(): void {
    this.listener?.start();
    this.poller.wake();
  }

  /** An enqueue in this process just wrote a row (committed later): look again soon. */
  hurry(): void {
    this.poller.hurry();
  }

  async close(): Promise<void> {
    await Promise.all([this.poller.stop(), this.listener?.close()]);
  }

  /** Forwards one batch of committed rows; returns how many went to BullMQ. */
  async relayBatch(): Promise<number> {
    const { db } = this.opts;
    const rows = await db.$queryRaw<OutboxRow[]>`
      UPDATE "Job" SET "status" = 'ACTIVE', "lockedBy" = ${this.relayId}, "lockedAt" = ${NOW}
      WHERE "id" IN (
        SELECT "id" FROM "Job"
        WHERE "status" = 'WAITING' OR ("status" = 'ACTIVE' AND "lockedAt" < ${NOW} - ${ms(CLAIM_TIMEOUT_MS)})
        ORDER BY "createdAt"
        FOR UPDATE SKIP LOCKED
        LIMIT ${BATCH}::int
      )
      RETURNING "id", "name", "payload", "maxAttempts", "backoffMs",
                GREATEST(0, EXTRACT(EPOCH FROM ("runAt" - ${NOW})) * 1000)::double precision AS "delayMs"`;
    if (rows.length === 0) return 0;
    const sent: string[] = [];
    let failure: unknown;
    for (const row of rows) {
      try {
        await this.opts.forward({ ...row, delayMs: Math.round(Number(row.delayMs)) });
        sent.push(row.id);
      } catch (err) {
        failure = err;
        break; // Redis is likely down: release the rest rather than hammer it
      }
    }
    const unsent = rows.map((r) => r.id).filter((id) => !sent.includes(id));
    if (sent.length > 0) {
      await db.$executeRaw`DELETE FROM "Job" WHERE "id" IN (${Prisma.join(sent)}) AND "lockedBy" = ${this.relayId}`;
    }
    if (unsent.length > 0) {
      await db.$executeRaw`
        UPDATE "Job" SET "status" = 'WAITING', "lockedBy" = NULL, "lockedAt" = NULL
        WHERE "id" IN (${Prisma.join(unsent)}) AND "lockedBy" = ${this.relayId}`;
    }
    if (failure) throw failure;
    this.opts.log?.debug({ forwarded: sent.length }, "outbox relayed jobs to BullMQ");
    return sent.length;
  }
}
