// One contract, two implementations: the same suite runs against the in-process queue and against
// BullMQ on the real Redis at 127.0.0.1:6379 (REDIS_TEST_URL overrides), under a unique key prefix
// that is deleted afterwards.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { BullMqQueue } from "./bullmq";
import { defineJob } from "./define-job";
import { LocalQueue } from "./local";
import { QueueClosedError, type Queue } from "./types";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const RUN_PREFIX = `test-queue-${randomUUID().slice(0, 8)}`;

const greet = defineJob({ name: "test.greet", schema: z.object({ to: z.string().min(1), at: z.coerce.date().optional() }) });
const work = defineJob({ name: "test.work", schema: z.object({ n: z.number().int() }) });
const flaky = defineJob({ name: "test.flaky", schema: z.object({ key: z.string() }), retry: { attempts: 3, backoffMs: 20 } });
const tick = defineJob({ name: "test.tick", schema: z.object({ label: z.string() }) });

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for condition");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const implementations: [string, (testId: string) => Queue][] = [
  ["local", () => new LocalQueue()],
  ["bullmq", (testId) => new BullMqQueue({ url: REDIS_URL, prefix: `${RUN_PREFIX}-${testId}` })],
];

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

describe.each(implementations)("Queue (%s)", (mode, make) => {
  let queue: Queue;
  const open: Queue[] = [];
  const create = () => {
    queue = make(randomUUID().slice(0, 8));
    open.push(queue);
    return queue;
  };

  afterEach(async () => {
    await Promise.all(open.splice(0).map((q) => q.close()));
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
    expect(ctx).toEqual({ id, name: "test.greet", attempt: 1 });
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
    await queue.process(
      work,
      async ({ n }) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 60));
        running--;
        done.push(n);
      },
      { concurrency: 2 },
    );
    for (let n = 0; n < 6; n++) await queue.enqueue(work, { n });
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
    await queue.process(tick, async ({ label }) => void labels.push(label));
    await queue.schedule(tick, { everyMs: 150, payload: { label: "a" } });
    await queue.schedule(tick, { everyMs: 150, payload: { label: "b" } });
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
    const ran = deferred<number>();
    await queue.process(work, async () => ran.resolve(Date.now()));
    const start = Date.now();
    await queue.enqueue(work, { n: 1 }, { delayMs: 300 });
    expect((await queue.health()).jobs["test.work"]?.delayed).toBe(1);
    expect((await ran.promise) - start).toBeGreaterThanOrEqual(250);
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

  it("reports health with per-job counts", async () => {
    create();
    await queue.enqueue(greet, { to: "x" });
    await queue.enqueue(greet, { to: "y" });
    const health = await queue.health();
    expect(health).toMatchObject({ status: "ok", mode, jobs: { "test.greet": { waiting: 2, active: 0, delayed: 0, failed: 0 } } });
    expect(health.latencyMs).toEqual(expect.any(Number));
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
