// A circuit breaker for one vendor, shared by every call in the process. While a vendor is down each
// request would first pay its failure (a refused connection, a timeout) before the fallback speaks;
// after `failureThreshold` failures in a row the circuit opens and requests skip the vendor for
// `cooldownMs`. Then one request is let through as a probe (half-open): its success closes the
// circuit, its failure opens it for another cool-down. Outcomes that say nothing about the vendor's
// health (a request rejected for its own bad input, a barge-in abort) neither count nor reset.
// The clock is injected so tests can step through the states without waiting.

export type CircuitState = "closed" | "open" | "half_open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit skips the vendor before a probe is let through (ms). */
  cooldownMs: number;
  now?: () => number;
}

/** What /health shows (times as ISO strings). */
export interface CircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  failureThreshold: number;
  cooldownMs: number;
  openedAt?: string;
  /** When the next probe may go (open), or went (half-open). */
  probeAt?: string;
  lastError?: string;
}

/** One request's permission to call the vendor; settle it once with how it went (later calls are ignored). */
export interface CircuitTicket {
  readonly probe: boolean;
  succeeded(): void;
  failed(error: string): void;
  /** The outcome says nothing about the vendor (bad input, aborted): a probe slot is freed for the next request. */
  released(): void;
}

export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private lastError?: string;
  // Who was told about the current opening; a new opening starts a new set, so a call hears of each outage once.
  private notified = new WeakSet<object>();

  constructor(opts: CircuitBreakerOptions) {
    if (!(opts.failureThreshold >= 1)) throw new RangeError("failureThreshold must be at least 1");
    if (!(opts.cooldownMs >= 0)) throw new RangeError("cooldownMs must not be negative");
    this.failureThreshold = opts.failureThreshold;
    this.cooldownMs = opts.cooldownMs;
    this.now = opts.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt >= this.cooldownMs ? "half_open" : "open";
  }

  /** A ticket to call the vendor, or null: skip it (open, or half-open with the probe already out). */
  tryAcquire(): CircuitTicket | null {
    const state = this.state;
    if (state === "open" || (state === "half_open" && this.probing)) return null;
    const probe = state === "half_open";
    if (probe) this.probing = true;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (probe) this.probing = false;
      fn();
    };
    return {
      probe,
      succeeded: () => settle(() => this.onSuccess()),
      failed: (error) => settle(() => this.onFailure(error, probe)),
      released: () => settle(() => undefined),
    };
  }

  /**
   * True the first time `who` (one call, e.g. its fault callback) asks during the current opening:
   * the call records "circuit open" once, not once per sentence.
   */
  firstNotice(who: object): boolean {
    if (this.openedAt === null || this.notified.has(who)) return false;
    this.notified.add(who);
    return true;
  }

  snapshot(): CircuitSnapshot {
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      state: this.state,
      consecutiveFailures: this.failures,
      failureThreshold: this.failureThreshold,
      cooldownMs: this.cooldownMs,
      ...(this.openedAt !== null && { openedAt: iso(this.openedAt), probeAt: iso(this.openedAt + this.cooldownMs) }),
      ...(this.lastError !== undefined && { lastError: this.lastError }),
    };
  }

  /** Any success closes the circuit: the vendor answered (even a request started before it opened). */
  private onSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.lastError = undefined;
  }

  private onFailure(error: string, probe: boolean): void {
    this.lastError = error;
    this.failures++;
    if (probe) this.openedAt = this.now(); // the outage goes on: another cool-down, same calls already told
    else if (this.openedAt === null && this.failures >= this.failureThreshold) this.open();
  }

  private open(): void {
    this.openedAt = this.now();
    this.notified = new WeakSet();
  }
}
