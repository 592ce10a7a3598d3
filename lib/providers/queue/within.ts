// Waiting with a deadline, for close().

/** After the grace period, how long aborted handlers get to stop before close() stops waiting for them. */
export const ABORT_WAIT_MS = 1000;

/** Whether `promise` settled within `ms` (it keeps running if not). */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const, () => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
