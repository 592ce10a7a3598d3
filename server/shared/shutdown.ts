// Process lifecycle for the companion servers: one graceful shutdown on SIGTERM/SIGINT, bounded in
// time, and a logged non-zero exit on anything uncaught (so the launcher can report the crash).
import type { Logger } from "pino";

// One budget for stopping, shared by the launcher and its children, each step inside the one before:
// the worker stops waiting for running jobs (and aborts their signals), then the child gives up on its
// graceful path and exits, and only then would the launcher's SIGKILL come.
/** How long the launcher (supervisor.stopAll) waits after SIGTERM before it SIGKILLs a child. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** A child's own deadline for its graceful path: shorter, so it exits (and logs why) before the SIGKILL. */
export const CHILD_SHUTDOWN_TIMEOUT_MS = SHUTDOWN_GRACE_MS - 1_500;
/**
 * How long the worker lets running jobs finish before aborting them; what remains of the child's
 * deadline covers the aborted handlers' last second (the queue's close) and recording their outcomes.
 */
export const WORKER_JOB_GRACE_MS = CHILD_SHUTDOWN_TIMEOUT_MS - 2_500;

export interface ShutdownOptions {
  /** Exit 1 if the graceful path has not finished by then. Default CHILD_SHUTDOWN_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** A stop signal has been handled: this process is on its graceful way out (one per process). */
let stopping = false;

export function onShutdown(log: Logger, shutdown: (signal: NodeJS.Signals) => Promise<void>, opts: ShutdownOptions = {}): void {
  let started = false;
  const handle = (signal: NodeJS.Signals) => {
    // Repeats are expected (tsx watch relays the signal the process group already received): ignore.
    if (started) return;
    started = true;
    stopping = true;
    log.info({ signal }, "shutting down");
    const timeoutMs = opts.timeoutMs ?? CHILD_SHUTDOWN_TIMEOUT_MS;
    const timer = setTimeout(() => {
      log.error({ timeoutMs }, "graceful shutdown timed out; exiting");
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    shutdown(signal).then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", handle);
  process.on("SIGINT", handle);
}

export function exitOnFatal(log: Logger): void {
  process.on("uncaughtException", (err) => {
    log.fatal({ err }, "uncaught exception");
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    log.fatal({ err: reason }, "unhandled promise rejection");
    process.exit(1);
  });
}

/**
 * For main()'s rejection: a fatal start-up failure (logged at fatal, exit 1, and the launcher stops
 * everything), unless a stop signal came first. A dev restart (tsx watch, a file saved while the
 * models load) stops the process mid-start, the shutdown closes what start-up was still loading, and
 * start-up then fails with "closed": that is the stop under way, which exits by itself, not a crash.
 */
export function failedToStart(log: Logger, message: string, err: unknown): void {
  if (stopping) {
    log.info({ reason: err instanceof Error ? err.message : String(err) }, `${message}: stopped during start-up`);
    return;
  }
  log.fatal({ err }, message);
  process.exit(1);
}
