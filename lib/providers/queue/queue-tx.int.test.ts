// Enqueueing inside the caller's transaction: a row and its job are created atomically. On the database
// queue (PostgreSQL and the embedded PGlite) the job row is written with the caller's transaction
// client; on BullMQ it goes into the outbox in that transaction and the worker's relay forwards it to
// Redis after the commit, under its own id, so a relay that repeats itself cannot duplicate the job.
import { randomUUID } from "node:crypto";
import { Queue as BullQueue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "../../db/client";
import { DbFixture, deferred, waitFor } from "../../test/queue-fixtures";
import { BullMqQueue } from "./bullmq";
import { defineJob } from "./define-job";
import { OutboxRelay } from "./outbox-relay";
import type { Queue } from "./types";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const RUN_PREFIX = `test-queue-tx-${randomUUID().slice(0, 8)}`;
const welcome = defineJob({ name: "test.welcome", schema: z.object({ key: z.string() }) });

/** A row of the caller's own (AuthThrottle: a table without foreign keys) and its job, in one transaction. */
async function createWithJob(db: Db, queue: Queue, key: string, opts: { fail?: boolean; idempotencyKey?: string } = {}) {
  return db.$transaction(async (tx) => {
    await tx.authThrottle.create({ data: { key, failures: 0, windowStart: new Date() } });
    const job = await queue.enqueue(welcome, { key }, { tx, idempotencyKey: opts.idempotencyKey });
    if (opts.fail) throw new Error("rolled back on purpose");
    return job;
  });
}

const kinds = [
  { label: "database queue on postgres", db: "postgres" as const, bull: false },
  { label: "database queue on pglite", db: "pglite" as const, bull: false },
  { label: "bullmq with the outbox", db: "postgres" as const, bull: true },
];

describe.each(kinds)("enqueue in the caller's transaction ($label)", ({ db: kind, bull }) => {
  const fx = new DbFixture(kind);
  const open: Queue[] = [];
  const make = (db: Db): Queue => {
    const queue = bull
      ? new BullMqQueue({ url: REDIS_URL, prefix: `${RUN_PREFIX}-${randomUUID().slice(0, 6)}`, db, listenUrl: fx.url })
      : fx.queue({}, db);
    open.push(queue);
    return queue;
  };

  beforeAll(() => fx.start());
  afterAll(() => fx.stop());
  afterEach(async () => {
    await Promise.all(open.splice(0).map((q) => q.close()));
    const db = fx.client();
    await db.authThrottle.deleteMany({});
    await fx.reset();
  });

  it("creates no job when the transaction rolls back", async () => {
    const db = fx.client();
    const queue = make(db);
    const runs: string[] = [];
    await queue.process(welcome, async ({ key }) => void runs.push(key));
    await expect(createWithJob(db, queue, "rolled-back", { fail: true })).rejects.toThrow("rolled back on purpose");
    // A committed job enqueued afterwards runs; the rolled-back one never does.
    await createWithJob(db, queue, "committed");
    await waitFor(() => runs.length === 1);
    await new Promise((r) => setTimeout(r, 300)); // time for a stray run to show up
    expect(runs).toEqual(["committed"]);
    expect(await db.authThrottle.count({ where: { key: "rolled-back" } })).toBe(0);
  });

  it("runs a committed job exactly once, and only after the commit", async () => {
    const db = fx.client();
    const queue = make(db);
    const runs: { key: string; rowVisible: boolean }[] = [];
    await queue.process(welcome, async ({ key }) => {
      // The handler sees the row its job was enqueued with.
      runs.push({ key, rowVisible: (await db.authThrottle.count({ where: { key } })) === 1 });
    });
    const job = await createWithJob(db, queue, "signup-1");
    expect(job.deduplicated).toBe(false);
    await waitFor(() => runs.length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toEqual([{ key: "signup-1", rowVisible: true }]);
  });

  it("de-duplicates by idempotency key inside transactions too", async () => {
    const db = fx.client();
    const queue = make(db);
    const first = await createWithJob(db, queue, "a", { idempotencyKey: "welcome-a" });
    const second = await createWithJob(db, queue, "b", { idempotencyKey: "welcome-a" });
    expect(second).toEqual({ id: first.id, deduplicated: true });
    const runs: string[] = [];
    await queue.process(welcome, async ({ key }) => void runs.push(key));
    await waitFor(() => runs.length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toEqual(["a"]);
  });
});

describe("the outbox relay", () => {
  const fx = new DbFixture("postgres");
  beforeAll(() => fx.start());
  afterAll(async () => {
    await fx.stop();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${RUN_PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("cannot duplicate a job when it forwards the same row twice (crash between add and delete)", async () => {
    const db = fx.client();
    const prefix = `${RUN_PREFIX}-relay`;
    // The producer writes the outbox row; nothing of it runs a relay (no process() call).
    const producer = new BullMqQueue({ url: REDIS_URL, prefix, db });
    const { id } = await db.$transaction((tx) => producer.enqueue(welcome, { key: "x" }, { tx }));
    const bull = new BullQueue(welcome.name, { connection: { url: REDIS_URL }, prefix });
    let calls = 0;
    const relay = new OutboxRelay({
      db,
      forward: async (row) => {
        calls++;
        await bull.add(row.name, row.payload, { jobId: row.id });
        if (calls === 1) throw new Error("crashed after the add, before the delete");
      },
    });
    try {
      await expect(relay.relayBatch()).rejects.toThrow("crashed after the add");
      expect(await db.job.count()).toBe(1); // released for another try
      expect(await relay.relayBatch()).toBe(1);
      expect(await db.job.count()).toBe(0);
      expect(calls).toBe(2);
      const counts = await bull.getJobCounts("waiting", "delayed", "active");
      expect((counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.active ?? 0)).toBe(1);
      expect((await bull.getJob(id))?.data).toEqual({ key: "x" });
      // ... and the worker runs it once.
      const worker = new BullMqQueue({ url: REDIS_URL, prefix });
      const ran = deferred<string>();
      await worker.process(welcome, async (_p, ctx) => ran.resolve(ctx.id));
      expect(await ran.promise).toBe(id);
      await worker.close();
    } finally {
      await relay.close();
      await bull.close();
      await producer.close();
    }
  });
});
