// The breaker's state machine on an injected clock: closed → open after N failures in a row → half-open
// after the cool-down with exactly one probe → closed on its success, open again on its failure.
import { beforeEach, describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker";

let now: number;
let breaker: CircuitBreaker;

beforeEach(() => {
  now = Date.UTC(2026, 11, 1, 12, 0, 0);
  breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 30_000, now: () => now });
});

const fail = (error = "HTTP 500") => breaker.tryAcquire()!.failed(error);
const succeed = () => breaker.tryAcquire()!.succeeded();

describe("CircuitBreaker", () => {
  it("opens after N consecutive failures, not before, and says so in its snapshot", () => {
    fail();
    fail();
    expect(breaker.state).toBe("closed");
    expect(breaker.snapshot()).toMatchObject({ state: "closed", consecutiveFailures: 2, lastError: "HTTP 500" });
    fail("refused");
    expect(breaker.state).toBe("open");
    expect(breaker.tryAcquire()).toBeNull();
    expect(breaker.snapshot()).toEqual({
      state: "open",
      consecutiveFailures: 3,
      failureThreshold: 3,
      cooldownMs: 30_000,
      openedAt: "2026-12-01T12:00:00.000Z",
      probeAt: "2026-12-01T12:00:30.000Z",
      lastError: "refused",
    });
  });

  it("a success resets the count: failures must be consecutive", () => {
    fail();
    fail();
    succeed();
    fail();
    fail();
    expect(breaker.state).toBe("closed");
    expect(breaker.snapshot().consecutiveFailures).toBe(2);
  });

  it("released outcomes (bad input, abort) neither count nor reset", () => {
    fail();
    fail();
    breaker.tryAcquire()!.released();
    expect(breaker.snapshot().consecutiveFailures).toBe(2);
    fail();
    expect(breaker.state).toBe("open");
  });

  it("lets one probe through after the cool-down; its success closes the circuit", () => {
    for (let i = 0; i < 3; i++) fail();
    now += 29_999;
    expect(breaker.tryAcquire()).toBeNull();
    now += 1;
    expect(breaker.state).toBe("half_open");
    const probe = breaker.tryAcquire()!;
    expect(probe.probe).toBe(true);
    expect(breaker.tryAcquire()).toBeNull(); // the probe is out: everyone else still skips the vendor
    probe.succeeded();
    expect(breaker.snapshot()).toEqual({ state: "closed", consecutiveFailures: 0, failureThreshold: 3, cooldownMs: 30_000 });
    expect(breaker.tryAcquire()?.probe).toBe(false);
  });

  it("a failed probe opens it for another full cool-down", () => {
    for (let i = 0; i < 3; i++) fail();
    now += 30_000;
    breaker.tryAcquire()!.failed("still down");
    expect(breaker.state).toBe("open");
    expect(breaker.snapshot()).toMatchObject({ openedAt: new Date(now).toISOString(), lastError: "still down" });
    now += 29_999;
    expect(breaker.tryAcquire()).toBeNull();
    now += 1;
    expect(breaker.tryAcquire()?.probe).toBe(true);
  });

  it("a released probe frees the slot for the next request", () => {
    for (let i = 0; i < 3; i++) fail();
    now += 30_000;
    breaker.tryAcquire()!.released();
    expect(breaker.state).toBe("half_open");
    expect(breaker.tryAcquire()?.probe).toBe(true);
  });

  it("settles a ticket once: a second outcome is ignored", () => {
    const ticket = breaker.tryAcquire()!;
    ticket.failed("x");
    ticket.failed("x");
    ticket.succeeded();
    expect(breaker.snapshot().consecutiveFailures).toBe(1);
  });

  it("tells each caller once per opening", () => {
    const callA = {};
    const callB = {};
    expect(breaker.firstNotice(callA)).toBe(false); // closed: nothing to tell
    for (let i = 0; i < 3; i++) fail();
    expect([breaker.firstNotice(callA), breaker.firstNotice(callA), breaker.firstNotice(callB)]).toEqual([true, false, true]);
    now += 30_000;
    breaker.tryAcquire()!.failed("still down"); // the same outage: nobody is told again
    expect(breaker.firstNotice(callA)).toBe(false);
    now += 30_000;
    breaker.tryAcquire()!.succeeded();
    for (let i = 0; i < 3; i++) fail();
    expect(breaker.firstNotice(callA)).toBe(true); // a new outage
  });

  it("refuses a threshold below one", () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, cooldownMs: 1 })).toThrow(RangeError);
  });
});
