// Polling for tests that wait on something asynchronous they cannot await directly (a socket's
// message, a row written by another process). Real time, so keep conditions cheap.

export interface UntilOptions {
  /** Give up after this long, ms. Default 3000. */
  timeoutMs?: number;
  /** Poll interval, ms. Default 5. */
  stepMs?: number;
  /** Appended to the timeout error (what the test saw), evaluated only on failure. */
  detail?: () => string;
}

/** Resolves once `cond` holds; throws "timed out waiting for <what>" after the timeout. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, opts: UntilOptions = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 3000);
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${opts.detail?.() ?? ""}`);
    await new Promise((r) => setTimeout(r, opts.stepMs ?? 5));
  }
}
