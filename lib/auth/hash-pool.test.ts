import { describe, expect, it } from "vitest";
import { createHashPool, defaultHashConcurrency, PoolBusyError } from "./hash-pool";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("hash pool", () => {
  it("never runs more than `concurrency` tasks at once, and runs queued ones in order", async () => {
    const pool = createHashPool({ concurrency: 2, maxQueue: 10, maxWaitMs: 60_000 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 6 }, deferred);
    const tasks = gates.map((gate, i) =>
      pool.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await gate.promise;
        running--;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(pool.stats()).toEqual({ active: 2, queued: 4 });
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pool.stats()).toEqual({ active: 0, queued: 0 });
  });

  it("refuses at once when the queue is full, with BUSY", async () => {
    const pool = createHashPool({ concurrency: 1, maxQueue: 1, maxWaitMs: 60_000 });
    const gate = deferred();
    const first = pool.run(() => gate.promise);
    const second = pool.run(async () => "second");
    await expect(pool.run(async () => "third")).rejects.toBeInstanceOf(PoolBusyError);
    await expect(pool.run(async () => "fourth")).rejects.toMatchObject({ code: "BUSY" });
    gate.resolve();
    await first;
    expect(await second).toBe("second");
  });

  it("refuses a task that cannot start before its deadline, and frees its queue place", async () => {
    const pool = createHashPool({ concurrency: 1, maxQueue: 1, maxWaitMs: 20 });
    const gate = deferred();
    const first = pool.run(() => gate.promise);
    let started = false;
    const late = pool.run(async () => void (started = true));
    await expect(late).rejects.toBeInstanceOf(PoolBusyError);
    expect(pool.stats()).toEqual({ active: 1, queued: 0 });
    gate.resolve();
    await first;
    expect(started).toBe(false);
    // A per-call deadline of Infinity waits as long as it takes.
    const gate2 = deferred();
    const blocker = pool.run(() => gate2.promise);
    const patient = pool.run(async () => "done", { maxWaitMs: Infinity });
    await new Promise((r) => setTimeout(r, 40));
    gate2.resolve();
    await blocker;
    expect(await patient).toBe("done");
  });

  it("releases the slot when a task throws", async () => {
    const pool = createHashPool({ concurrency: 1, maxQueue: 0, maxWaitMs: 0 });
    await expect(pool.run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await pool.run(async () => 42)).toBe(42);
  });

  it("leaves a core and two threadpool threads for everything else", () => {
    expect(defaultHashConcurrency(2, 4)).toBe(1);
    expect(defaultHashConcurrency(1, 4)).toBe(1);
    expect(defaultHashConcurrency(8, 4)).toBe(2);
    expect(defaultHashConcurrency(8, 16)).toBe(7);
  });
});
