// One contract, three implementations: the same suite runs against the in-process queue, against
// BullMQ on the real Redis at 127.0.0.1:6379 (REDIS_TEST_URL overrides), under a unique key prefix
// that is deleted afterwards, and against the database queue twice: on a throwaway PostgreSQL database
// (TEST_POSTGRES_URL overrides the server) and on an in-memory embedded PGlite served over the wire.
// The database queue also gets tests of what only it does: several processes sharing one queue.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { LocalQueue } from "../../test/local-queue";
import { DbFixture, deferred, waitFor } from "../../test/queue-fixtures";
import { BullMqQueue } from "./bullmq";
import { defineJob } from "./define-job";
import { NOW } from "./job-row";
import { QueueClosedError, QueueShutdownError, type Queue, type QueueMode } from "./types";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const RUN_PREFIX = `test-queue-${randomUUID().slice(0, 8)}`;

const greet = defineJob({ name: "test.greet", schema: z.object({ to: z.string().min(1), at: z.coerce.date().optional() }) });
const work = defineJob({ name: "test.work", schema: z.object({ n: z.number().int() }) });
const flaky = defineJob({ name: "test.flaky", schema: z.object({ key: z.string() }), retry: { attempts: 3, backoffMs: 20 } });
const tick = defineJob({ name: "test.tick", schema: z.object({ label: z.string() }) });

afterAll(async () => {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${RUN_PREFIX}*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
    const [, left] = await redis.scan("0", "MATCH", `${RUN_PREFIX}*`, "COUNT", 1000);
    expect(left).toEqual([]);
  } finally {
    redis.disconnect();
  }
});

/** The contract every implementation keeps. `reset` runs after each test, once its queues are closed. */
function contractSuite(label: string, mode: QueueMode, make: (testId: string) => Queue, reset?: () => Promise<void>): void {
  describe(`Queue (${label})`, () => {
    let queue: Queue;
    const open: Queue[] = [];
    const create = () => {
      queue = make(randomUUID().slice(0, 8));
      open.push(queue);
      return queue;
    };

    afterEach(async () => {
      await Promise.all(open.splice(0).map((q) => q.close()));
      await reset?.();
    });

    it(`reports its mode (${mode})`, () => {
      expect(create().mode).toBe(mode);
    });

    it("delivers the validated payload as JSON, to a processor registered after enqueue", async () => {
      create();
      const at = new Date("2026-01-02T03:04:05.000Z");
      const { id } = await queue.enqueue(greet, { to: "Ada", at });
      expect(id).toEqual(expect.any(String));
      const got = deferred<{ payload: unknown; ctx: unknown }>();
      await queue.process(greet, async (payload, ctx) => got.resolve({ payload, ctx }));
      const { payload, ctx } = await got.promise;
      // The Date went through JSON and came back through the schema's coercion.
      expect(payload).toEqual({ to: "Ada", at });
      expect(ctx).toEqual({ id, name: "test.greet", attempt: 1, signal: expect.any(AbortSignal) });
    });

    it("rejects an invalid payload with the ZodError and enqueues nothing", async () => {
      create();
      await expect(queue.enqueue(greet, { to: "" })).rejects.toBeInstanceOf(ZodError);
      await expect(queue.enqueue(greet, { nope: 1 } as never)).rejects.toBeInstanceOf(ZodError);
      const health = await queue.health();
      expect(health.jobs["test.greet"]?.waiting ?? 0).toBe(0);
    });

    it("runs at most `concurrency` jobs of a name at once, and does run them in parallel", async () => {
      create();
      let running = 0;
      let peak = 0;
      const done: number[] = [];
      // Handlers hold their jobs until released: two side by side no longer depends on the queue picking
      // up the next job while the last still runs (60 ms jobs could run one after another on a slow machine).
      const release = deferred();
      for (let n = 0; n < 6; n++) await queue.enqueue(work, { n });
      await queue.process(
        work,
        async ({ n }) => {
          running++;
          peak = Math.max(peak, running);
          await release.promise;
          running--;
          done.push(n);
        },
        { concurrency: 2 },
      );
      try {
        await waitFor(() => running >= 2);
        await new Promise((r) => setTimeout(r, 200)); // four jobs wait: a third one started would show
        expect(running).toBe(2);
      } finally {
        release.resolve();
      }
      await waitFor(() => done.length === 6);
      expect(peak).toBe(2);
      expect([...done].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it("retries a failing job with back-off until it succeeds", async () => {
      create();
      const attempts: { attempt: number; at: number }[] = [];
      await queue.process(flaky, async (_payload, ctx) => {
        attempts.push({ attempt: ctx.attempt, at: Date.now() });
        if (ctx.attempt < 3) throw new Error(`boom ${ctx.attempt}`);
      });
      await queue.enqueue(flaky, { key: "k" });
      await waitFor(() => attempts.length === 3);
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      // Exponential: >= 20 ms before the 2nd try, >= 40 ms before the 3rd.
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(15);
      expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(35);
      const health = await queue.health();
      expect(health.jobs["test.flaky"]?.failed).toBe(0);
    });

    it("counts a job that exhausts its attempts as failed", async () => {
      create();
      let tries = 0;
      await queue.process(work, async () => {
        tries++;
        throw new Error("always");
      });
      await queue.enqueue(work, { n: 1 }, { attempts: 2, backoffMs: 10 });
      await waitFor(async () => (await queue.health()).jobs["test.work"]?.failed === 1);
      expect(tries).toBe(2);
    });

    it("runs a scheduled job repeatedly, and re-scheduling replaces it", async () => {
      create();
      const labels: string[] = [];
      // No worker runs "a" before "b" replaces it, so it cannot come due a second time however long the
      // second call takes on a busy machine.
      await queue.schedule(tick, { everyMs: 150, payload: { label: "a" } });
      await queue.schedule(tick, { everyMs: 150, payload: { label: "b" } });
      await queue.process(tick, async ({ label }) => void labels.push(label));
      await waitFor(() => labels.filter((l) => l === "b").length >= 3, 10_000);
      // Only the latest definition keeps firing.
      const before = labels.filter((l) => l === "a").length;
      await new Promise((r) => setTimeout(r, 400));
      expect(labels.filter((l) => l === "a").length).toBe(before);
      expect(before).toBeLessThanOrEqual(1);
    });

    it("validates a schedule's payload", async () => {
      create();
      await expect(queue.schedule(tick, { everyMs: 1000, payload: { label: 3 } as never })).rejects.toBeInstanceOf(ZodError);
    });

    it("delays a job by delayMs", async () => {
      create();
      const ran = deferred<{ n: number; at: number }>();
      await queue.process(work, async ({ n }) => ran.resolve({ n, at: Date.now() }));
      // Counted as delayed: a delay far beyond the test, so no machine is slow enough to see it run.
      await queue.enqueue(work, { n: 2 }, { delayMs: 60_000 });
      expect((await queue.health()).jobs["test.work"]?.delayed).toBe(1);
      const start = Date.now();
      await queue.enqueue(work, { n: 1 }, { delayMs: 300 });
      const first = await ran.promise;
      expect(first.n).toBe(1);
      expect(first.at - start).toBeGreaterThanOrEqual(250);
      expect((await queue.health()).jobs["test.work"]?.delayed).toBe(1);
    });

    it("close() waits for running jobs, then refuses new work", async () => {
      create();
      const started = deferred();
      let finished = false;
      await queue.process(work, async () => {
        started.resolve();
        await new Promise((r) => setTimeout(r, 200));
        finished = true;
      });
      await queue.enqueue(work, { n: 1 });
      await started.promise;
      await queue.close();
      expect(finished).toBe(true);
      await expect(queue.enqueue(work, { n: 2 })).rejects.toBeInstanceOf(QueueClosedError);
      expect((await queue.health()).status).toBe("down");
    });

    it("enqueues a job once per idempotency key and name, returning the first job's id", async () => {
      create();
      const first = await queue.enqueue(work, { n: 1 }, { idempotencyKey: "order-42" });
      const again = await queue.enqueue(work, { n: 2 }, { idempotencyKey: "order-42" });
      const otherName = await queue.enqueue(greet, { to: "x" }, { idempotencyKey: "order-42" });
      expect(first.deduplicated).toBe(false);
      expect(again).toEqual({ id: first.id, deduplicated: true });
      expect(otherName.id).not.toBe(first.id);
      const seen: { id: string; n: number }[] = [];
      await queue.process(work, async ({ n }, ctx) => void seen.push({ id: ctx.id, n }));
      await waitFor(() => seen.length === 1);
      // Still deduplicated once the job has run (while it is retained).
      expect((await queue.enqueue(work, { n: 3 }, { idempotencyKey: "order-42" })).id).toBe(first.id);
      await new Promise((r) => setTimeout(r, 300)); // time for a second run to show up
      expect(seen).toEqual([{ id: first.id, n: 1 }]);
    });

    it("close({ graceMs }) aborts a handler still running after the grace period", async () => {
      create();
      const started = deferred();
      const reason = deferred<unknown>();
      await queue.process(work, async (_payload, { signal }) => {
        started.resolve();
        await new Promise<void>((_, reject) =>
          signal.addEventListener("abort", () => {
            reason.resolve(signal.reason);
            reject(signal.reason);
          }),
        );
      });
      await queue.enqueue(work, { n: 1 });
      await started.promise;
      await queue.close({ graceMs: 100 });
      expect(await reason.promise).toBeInstanceOf(QueueShutdownError);
    });

    it("reports health with per-job counts", async () => {
      create();
      await queue.enqueue(greet, { to: "x" });
      await queue.enqueue(greet, { to: "y" });
      const health = await queue.health();
      expect(health).toMatchObject({ status: "ok", mode, jobs: { "test.greet": { waiting: 2, active: 0, delayed: 0, failed: 0 } } });
      expect(health.latencyMs).toEqual(expect.any(Number));
    });
  });
}

contractSuite("local", "local", () => new LocalQueue());
contractSuite("bullmq", "bullmq", (testId) => new BullMqQueue({ url: REDIS_URL, prefix: `${RUN_PREFIX}-${testId}` }));

describe.each(["postgres", "pglite"] as const)("PostgresQueue on %s", (kind) => {
  const fx = new DbFixture(kind);
  const open: Queue[] = [];
  const track = <Q extends Queue>(q: Q): Q => {
    open.push(q);
    return q;
  };

  beforeAll(() => fx.start());
  afterAll(() => fx.stop());

  contractSuite(kind === "postgres" ? "postgres" : "postgres on pglite", "postgres", () => fx.queue(), () => fx.reset());

  describe("shared by several processes", () => {
    afterEach(async () => {
      await Promise.all(open.splice(0).map((q) => q.close()));
      await fx.reset();
    });

    it("runs a job enqueued by one process in another", async () => {
      const app = track(fx.queue());
      const worker = track(fx.queue());
      const { id } = await app.enqueue(greet, { to: "Grace" });
      const got = deferred<{ payload: unknown; ctx: unknown }>();
      await worker.process(greet, async (payload, ctx) => got.resolve({ payload, ctx }));
      expect(await got.promise).toEqual({ payload: { to: "Grace" }, ctx: { id, name: "test.greet", attempt: 1, signal: expect.any(AbortSignal) } });
      const db = fx.client();
      await waitFor(async () => (await db.job.findUnique({ where: { id } }))?.status === "COMPLETED");
      const row = await db.job.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ name: "test.greet", attempt: 1, lockedAt: null, lockedBy: null, lastError: null });
      expect(row.finishedAt).toBeInstanceOf(Date);
      // The producer sees the job too: the counts come from the table, not from memory.
      expect((await app.health()).jobs["test.greet"]).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    });

    it("hands each of 50 jobs to exactly one of two consumers", async () => {
      const producer = track(fx.queue());
      const ids: string[] = [];
      for (let n = 0; n < 50; n++) ids.push((await producer.enqueue(work, { n })).id);
      const seen = new Map<string, number>();
      const by = { a: 0, b: 0 };
      // Each consumer's first jobs wait until the other has one too: on a busy machine the consumer that
      // started first could otherwise run all 50 before the second's first poll.
      const bothServing = deferred();
      const handler = (who: "a" | "b") => async (_: unknown, ctx: { id: string }) => {
        seen.set(ctx.id, (seen.get(ctx.id) ?? 0) + 1);
        by[who]++;
        if (by.a > 0 && by.b > 0) bothServing.resolve();
        await bothServing.promise;
      };
      await Promise.all([
        track(fx.queue()).process(work, handler("a"), { concurrency: 3 }),
        track(fx.queue()).process(work, handler("b"), { concurrency: 3 }),
      ]);
      await waitFor(() => seen.size === 50, 20_000);
      await new Promise((r) => setTimeout(r, 300)); // time for a double delivery to show up
      expect([...seen.keys()].sort()).toEqual([...ids].sort());
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
      expect(by.a + by.b).toBe(50);
      expect(by.a).toBeGreaterThan(0);
      expect(by.b).toBeGreaterThan(0);
      const db = fx.client();
      await waitFor(async () => (await db.job.count({ where: { name: "test.work", status: "COMPLETED" } })) === 50);
      expect(await db.job.count({ where: { name: "test.work", attempt: { not: 1 } } })).toBe(0);
    });

    it("fires a schedule once per due time however many workers race for it; a long outage yields one run", async () => {
      // An interval far longer than the test, made due by the test itself: the counts below are exact on a
      // loaded machine. (Timed against the wall clock, a slow poll skips an interval by design, so a
      // "none skipped" count failed CI when the machine was busy.)
      const everyMs = 60_000;
      const runs: string[] = [];
      const polling = { pollMs: 10, maxIdlePollMs: 20 };
      const workers = [track(fx.queue(polling)), track(fx.queue(polling)), track(fx.queue(polling))];
      // Every worker process registers the same schedule at start.
      for (const w of workers) await w.schedule(tick, { everyMs, payload: { label: "t" } });
      const db = fx.client();
      const enqueued = () => db.job.count({ where: { name: "test.tick" } });
      const nextRunAt = async () => (await db.jobSchedule.findFirstOrThrow()).nextRunAt.getTime();
      const latestRun = () => db.job.findFirstOrThrow({ where: { name: "test.tick" }, orderBy: { createdAt: "desc" } });
      const registered = await nextRunAt();
      for (const w of workers) await w.process(tick, async (_p, ctx) => void runs.push(ctx.id));
      await waitFor(async () => (await enqueued()) === 1);
      // Registered three times, due once (when first registered); the next run one interval after that.
      expect(await nextRunAt()).toBe(registered + everyMs);
      for (let due = 2; due <= 4; due++) {
        // The interval elapses while all three workers poll.
        const [made] = await db.$queryRaw<{ at: Date }[]>`
          UPDATE "JobSchedule" SET "nextRunAt" = ${NOW} - interval '5 milliseconds' RETURNING "nextRunAt" AS "at"`;
        await waitFor(async () => (await enqueued()) >= due);
        // Fired on time: the next run stays on the schedule's grid, one interval after the due time.
        expect(await nextRunAt()).toBe(made!.at.getTime() + everyMs);
      }
      // Down for ten intervals: one catch-up run, not ten, and the next a whole interval after it.
      await db.$executeRaw`UPDATE "JobSchedule" SET "nextRunAt" = ${NOW} - interval '600 seconds'`;
      await waitFor(async () => (await enqueued()) >= 5);
      expect(await nextRunAt()).toBe((await latestRun()).createdAt.getTime() + everyMs);
      await new Promise((r) => setTimeout(r, 300)); // each worker polls ~15 more times: a second run would show
      expect(await enqueued()).toBe(5);
      await waitFor(() => runs.length === 5);
      expect(new Set(runs).size).toBe(5);
      expect(await db.jobSchedule.count()).toBe(1);
    });

    it("re-queues a job whose worker stopped renewing its lock, and leaves live ones alone", async () => {
      const db = fx.client();
      const longAgo = new Date(Date.now() - 10 * 60_000);
      const stalled = await db.job.create({
        data: { name: "test.work", payload: { n: 7 }, status: "ACTIVE", attempt: 1, maxAttempts: 3, backoffMs: 10, runAt: longAgo, lockedAt: longAgo, lockedBy: "dead-worker" },
      });
      const live = await db.job.create({
        data: { name: "test.work", payload: { n: 8 }, status: "ACTIVE", attempt: 1, maxAttempts: 3, backoffMs: 10, runAt: longAgo, lockedAt: new Date(), lockedBy: "live-worker" },
      });
      const got = deferred<{ payload: unknown; ctx: unknown }>();
      const queue = track(fx.queue({ visibilityTimeoutMs: 60_000, pollMs: 50 }));
      await queue.process(work, async (payload, ctx) => got.resolve({ payload, ctx }));
      // Its second try: the attempt the dead worker started counts.
      expect(await got.promise).toEqual({ payload: { n: 7 }, ctx: { id: stalled.id, name: "test.work", attempt: 2, signal: expect.any(AbortSignal) } });
      await waitFor(async () => (await db.job.findUnique({ where: { id: stalled.id } }))?.status === "COMPLETED");
      expect(await db.job.findUnique({ where: { id: live.id } })).toMatchObject({ status: "ACTIVE", lockedBy: "live-worker", attempt: 1 });
    });

    it("fails a stored payload that no longer fits the schema, without retrying or calling the handler", async () => {
      const db = fx.client();
      const bad = await db.job.create({
        data: { name: "test.work", payload: { n: "seven" }, maxAttempts: 3, backoffMs: 10, runAt: new Date(Date.now() - 1000) },
      });
      const queue = track(fx.queue({ pollMs: 50 }));
      let called = 0;
      await queue.process(work, async () => void called++);
      await waitFor(async () => (await db.job.findUnique({ where: { id: bad.id } }))?.status === "FAILED");
      const row = await db.job.findUniqueOrThrow({ where: { id: bad.id } });
      expect(row.attempt).toBe(1);
      expect(row.lastError).toMatch(/^invalid payload: n:/);
      expect(called).toBe(0);
      expect((await queue.health()).jobs["test.work"]?.failed).toBe(1);
    });
  });
});

describe("BullMqQueue when Redis is unreachable", () => {
  it("reports down quickly instead of hanging", async () => {
    const queue = new BullMqQueue({ url: "redis://127.0.0.1:1", prefix: `${RUN_PREFIX}-down`, healthTimeoutMs: 500 });
    try {
      const started = Date.now();
      const health = await queue.health();
      expect(health.status).toBe("down");
      expect(health.error).toEqual(expect.any(String));
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await queue.close();
    }
  });
});
