// What only the database queue does, on PostgreSQL and on the embedded PGlite: leases with a heartbeat
// that abort a handler whose job was taken over, retention of FAILED jobs, and waking an idle poller
// (NOTIFY where the database delivers it, a direct wake-up within one process where it does not).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DbFixture, deferred, waitFor } from "../../test/queue-fixtures";
import { defineJob } from "./define-job";
import type { PostgresQueue } from "./postgres";
import { JobLockLostError } from "./types";

const work = defineJob({ name: "test.work", schema: z.object({ n: z.number().int() }) });
const DAY_MS = 86_400_000;

describe.each(["postgres", "pglite"] as const)("PostgresQueue on %s", (kind) => {
  const fx = new DbFixture(kind);
  const open: PostgresQueue[] = [];
  const track = (q: PostgresQueue) => (open.push(q), q);

  beforeAll(() => fx.start());
  afterAll(() => fx.stop());
  afterEach(async () => {
    await Promise.all(open.splice(0).map((q) => q.close({ graceMs: 0 })));
    await fx.reset();
  });

  it("aborts a handler whose job stalled-job recovery handed to another worker, which then runs it", async () => {
    const db = fx.client();
    // Worker A renews its heartbeat every 3 s; worker B considers a job stalled after 1 s without one,
    // as if A had been paused (GC, a frozen VM) longer than the visibility timeout.
    const a = track(fx.queue({ workerId: "worker-a", heartbeatMs: 3000 }));
    const started = deferred();
    const aborted = deferred<unknown>();
    await a.process(work, async (_p, { signal, attempt }) => {
      if (attempt > 1) return; // A may get the job back later; only its first run matters here
      started.resolve();
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
      aborted.resolve(signal.reason);
    });
    const { id } = await a.enqueue(work, { n: 1 });
    await started.promise;
    await db.$executeRaw`UPDATE "Job" SET "heartbeatAt" = "heartbeatAt" - interval '1 minute' WHERE "id" = ${id}`;
    const b = track(fx.queue({ workerId: "worker-b", visibilityTimeoutMs: 1000 }));
    const tookOver = deferred<number>();
    await b.process(work, async (_p, ctx) => tookOver.resolve(ctx.attempt));
    expect(await tookOver.promise).toBe(2);
    // A learns at its next heartbeat that the row no longer names it, and its handler is told to stop.
    const reason = await aborted.promise;
    expect(reason).toBeInstanceOf(JobLockLostError);
    await waitFor(async () => (await db.job.findUnique({ where: { id } }))?.status === "COMPLETED");
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempt: 2, heartbeatAt: null });
  });

  it("keeps a long job's lease alive with its heartbeat", async () => {
    const db = fx.client();
    const queue = track(fx.queue({ heartbeatMs: 50 }));
    const release = deferred();
    let signal: AbortSignal | undefined;
    await queue.process(work, async (_p, ctx) => {
      signal = ctx.signal;
      await release.promise;
    });
    const { id } = await queue.enqueue(work, { n: 1 });
    await waitFor(() => signal !== undefined);
    const first = (await db.job.findUniqueOrThrow({ where: { id } })).heartbeatAt!;
    await waitFor(async () => (await db.job.findUniqueOrThrow({ where: { id } })).heartbeatAt! > first);
    expect(signal!.aborted).toBe(false);
    release.resolve();
    await waitFor(async () => (await db.job.findUnique({ where: { id } }))?.status === "COMPLETED");
  });

  it("prunes FAILED jobs after their retention period, COMPLETED ones after theirs", async () => {
    const db = fx.client();
    const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
    const row = (label: string, status: "FAILED" | "COMPLETED" | "WAITING", finishedDaysAgo: number | null) =>
      db.job.create({
        data: {
          name: "test.work",
          payload: { n: 0 },
          status,
          maxAttempts: 1,
          backoffMs: 10,
          runAt: ago(40),
          lastError: label,
          finishedAt: finishedDaysAgo === null ? null : ago(finishedDaysAgo),
        },
      });
    await row("failed-old", "FAILED", 3);
    await row("failed-recent", "FAILED", 1);
    await row("completed-old", "COMPLETED", 8);
    await row("completed-recent", "COMPLETED", 1);
    await row("waiting-old", "WAITING", null);
    // A worker prunes when it starts processing (and every 10 minutes after).
    const queue = track(fx.queue({ failedRetentionMs: 2 * DAY_MS, completedRetentionMs: 7 * DAY_MS, pollMs: 60_000 }));
    await queue.process(defineJob({ name: "test.other", schema: z.object({}) }), async () => undefined);
    const labels = async () => (await db.job.findMany({ select: { lastError: true } })).map((r) => r.lastError).sort();
    await waitFor(async () => (await labels()).length === 3);
    expect(await labels()).toEqual(["completed-recent", "failed-recent", "waiting-old"]);
  });

  it("wakes an idle worker for a job enqueued in the same process, whatever its back-off", async () => {
    const queue = track(fx.queue({ maxIdlePollMs: 600_000, listenUrl: undefined }));
    const ran = deferred<number>();
    await queue.process(work, async ({ n }) => ran.resolve(n));
    await waitFor(() => queue.idlePollMs >= 1600); // backed off past several idle rounds
    await queue.enqueue(work, { n: 5 });
    expect(await ran.promise).toBe(5);
  });

  if (kind === "postgres") {
    it("wakes an idle worker through LISTEN/NOTIFY for a job enqueued by another process", async () => {
      // Polling alone would take ten minutes: only the NOTIFY can run this job within the test.
      const worker = track(fx.queue({ maxIdlePollMs: 600_000 }));
      const ran = deferred<number>();
      await worker.process(work, async ({ n }) => ran.resolve(n));
      await waitFor(() => worker.listenerState === "listening");
      await waitFor(() => worker.idlePollMs >= 1600);
      const app = track(fx.queue());
      await app.enqueue(work, { n: 6 });
      expect(await ran.promise).toBe(6);
    });
  } else {
    it("finds that NOTIFY does not reach other connections of the embedded database, and polls instead", async () => {
      const worker = track(fx.queue({ maxIdlePollMs: 400 }));
      const ran = deferred<number>();
      await worker.process(work, async ({ n }) => ran.resolve(n));
      await waitFor(() => worker.listenerState === "unsupported");
      const app = track(fx.queue());
      await app.enqueue(work, { n: 7 });
      expect(await ran.promise).toBe(7);
    });
  }
});
