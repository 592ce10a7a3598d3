// The idle back-off of the queue's pollers, on fake timers: how long it waits between empty rounds,
// what resets it, and that a known due time is never overslept.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdlePoller, type PollRound } from "./idle-poller";

let rounds: number[];
let next: PollRound[];
let poller: IdlePoller;

function make(minMs = 200, maxMs = 5000): IdlePoller {
  poller = new IdlePoller({
    minMs,
    maxMs,
    round: async () => {
      rounds.push(Date.now());
      return next.shift() ?? { found: false };
    },
    onError: () => undefined,
  });
  return poller;
}

/** The waits between consecutive rounds. */
const gaps = () => rounds.slice(1).map((t, i) => t - rounds[i]!);

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  rounds = [];
  next = [];
});

afterEach(async () => {
  await poller.stop();
  vi.useRealTimers();
});

describe("IdlePoller", () => {
  it("doubles its wait while rounds find nothing, up to the maximum", async () => {
    make().wake();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gaps().slice(0, 7)).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
    // About 12 rounds a minute once backed off, whatever the number of job types.
    expect(rounds.length).toBeLessThan(20);
  });

  it("polls again at once after a round that found work, and starts the back-off over", async () => {
    next = [{ found: false }, { found: false }, { found: true }, { found: false }];
    make().wake();
    await vi.advanceTimersByTimeAsync(900);
    expect(gaps()).toEqual([200, 400, 0, 200]);
  });

  it("a wake-up runs a round now and resets the back-off", async () => {
    make().wake();
    await vi.advanceTimersByTimeAsync(10_000);
    const before = rounds.length;
    poller.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds.length).toBe(before + 1);
    expect(poller.currentIdleMs).toBe(400);
  });

  it("hurry() keeps the next round within the minimum wait without polling now", async () => {
    make().wake();
    await vi.advanceTimersByTimeAsync(10_000); // backed off to 5 s
    const before = rounds.length;
    poller.hurry();
    expect(rounds.length).toBe(before);
    await vi.advanceTimersByTimeAsync(200);
    expect(rounds.length).toBe(before + 1);
  });

  it("never sleeps past a due time the round reported", async () => {
    next = [{ found: false }, { found: false }, { found: false }, { found: false }, { found: false }, { found: false, nextDueMs: 1000 }];
    make().wake();
    await vi.advanceTimersByTimeAsync(6200 + 1005);
    // After 200+400+800+1600+3200 ms of back-off the 6th round says "due in 1 s": it waits 1 s, not 5.
    expect(gaps()[5]).toBe(1005);
  });
});
