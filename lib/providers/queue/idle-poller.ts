// A polling loop that costs little when there is nothing to do: after a round that found no work the
// wait doubles (minMs → maxMs), any round that found work or a wake() (a NOTIFY, a same-process
// enqueue, a job finishing) brings it back to the minimum at once. A round may also say when the next
// known work is due (a delayed job, a schedule), so back-off never makes it late for that.

export interface PollRound {
  /** Work was found: poll again at once. */
  found: boolean;
  /** Milliseconds until the next work this round knows of (delayed job, schedule), if any. */
  nextDueMs?: number | null;
}

export interface IdlePollerOptions {
  minMs: number;
  maxMs: number;
  round: () => Promise<PollRound>;
  onError: (err: unknown) => void;
}

export class IdlePoller {
  private timer?: NodeJS.Timeout;
  private idleMs: number;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly opts: IdlePollerOptions) {
    this.idleMs = opts.minMs;
  }

  /** Runs a round now (or right after the current one) and resets the back-off. */
  wake(): void {
    this.idleMs = this.opts.minMs;
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Resets the back-off without polling now: the next round comes after the minimum wait. */
  hurry(): void {
    this.idleMs = this.opts.minMs;
    if (this.stopped || this.running || !this.timer) return;
    this.sleep(this.opts.minMs);
  }

  /** Stops scheduling rounds and waits for the current one. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** The wait before the next idle round (for tests and diagnostics). */
  get currentIdleMs(): number {
    return this.idleMs;
  }

  private async loop(): Promise<void> {
    for (;;) {
      this.again = false;
      let round: PollRound | undefined;
      try {
        round = await this.opts.round();
      } catch (err) {
        this.opts.onError(err);
      }
      if (this.stopped) return;
      if (round?.found) this.idleMs = this.opts.minMs;
      // Found work, or woken while polling (by work this round may have missed): poll again now.
      if (round?.found || this.again) continue;
      let wait = this.idleMs;
      if (round?.nextDueMs !== undefined && round.nextDueMs !== null) {
        wait = Math.max(this.opts.minMs, Math.min(wait, Math.ceil(round.nextDueMs) + 5));
      }
      this.idleMs = Math.min(this.opts.maxMs, this.idleMs * 2);
      this.sleep(wait);
      return;
    }
  }

  private sleep(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A timer round keeps the back-off (unlike wake()).
      if (this.stopped || this.running) return;
      this.running = this.loop().finally(() => (this.running = undefined));
    }, ms);
    this.timer.unref();
  }
}
