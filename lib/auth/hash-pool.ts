// A small concurrency gate for password hashing. scrypt runs on libuv's threadpool (4 threads unless
// UV_THREADPOOL_SIZE says otherwise), which is also where fs calls, dns.lookup, zlib and the WebCrypto
// and HKDF work behind every session-cookie decode run. Unbounded, a burst of bad sign-ins fills all
// four threads with 128 MiB hashes and every signed-in request waits behind them. So at most
// `concurrency` hashes run at once, at most `maxQueue` wait, and a hash that cannot start within
// `maxWaitMs` is refused (BUSY, 503) instead of waiting for ever.
import { availableParallelism } from "node:os";
import { AppError } from "../errors";

export type HashPoolOptions = { concurrency: number; maxQueue: number; maxWaitMs: number };
export type RunOptions = { /** Override the pool's deadline; Infinity for work that must not fail (seeding). */ maxWaitMs?: number };

type Waiter = { start: () => void; timer?: NodeJS.Timeout };

export class PoolBusyError extends AppError {
  constructor() {
    super("BUSY", "Sign-in is busy right now; try again in a moment", { retryAfterSec: 5 });
  }
}

export function createHashPool(opts: HashPoolOptions) {
  let active = 0;
  const queue: Waiter[] = [];

  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      active++;
      next.start();
    }
  };

  const acquire = (maxWaitMs: number): Promise<void> => {
    if (active < opts.concurrency) {
      active++;
      return Promise.resolve();
    }
    if (queue.length >= opts.maxQueue) return Promise.reject(new PoolBusyError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { start: resolve };
      if (Number.isFinite(maxWaitMs)) {
        waiter.timer = setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1);
          reject(new PoolBusyError());
        }, maxWaitMs);
      }
      queue.push(waiter);
    });
  };

  return {
    /** Runs `task` when a slot is free; rejects with PoolBusyError if it cannot start in time. */
    async run<T>(task: () => Promise<T>, runOpts: RunOptions = {}): Promise<T> {
      await acquire(runOpts.maxWaitMs ?? opts.maxWaitMs);
      try {
        return await task();
      } finally {
        release();
      }
    },
    stats: () => ({ active, queued: queue.length }),
  };
}

export type HashPool = ReturnType<typeof createHashPool>;

/**
 * Leave a core for the event loop, and at least two threadpool threads for everything else, so
 * signed-in requests keep their latency during a guessing attack. 1 on a 2-core machine.
 */
export function defaultHashConcurrency(cores = availableParallelism(), threadpool = Number(process.env.UV_THREADPOOL_SIZE) || 4): number {
  return Math.max(1, Math.min(cores - 1, threadpool - 2));
}

/**
 * How long a hash on a request path may wait for a slot before it is refused. Waiting costs no thread
 * (only a queue place), so this is about sign-in latency, not about signed-in users: long enough for a
 * few honest sign-ins at once on a loaded 2-core machine (a hash takes 0.4-2 s there), short enough
 * that nobody waits for ever.
 */
export const HASH_MAX_WAIT_MS = 5_000;

let shared: HashPool | undefined;

/** The process-wide pool every password hash and verification goes through. */
export function passwordHashPool(): HashPool {
  shared ??= createHashPool({ concurrency: defaultHashConcurrency(), maxQueue: 16, maxWaitMs: HASH_MAX_WAIT_MS });
  return shared;
}
