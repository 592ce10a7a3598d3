// Process lifecycle for the companion servers: one graceful shutdown on SIGTERM/SIGINT, bounded in
// time, and a logged non-zero exit on anything uncaught (so the launcher can report the crash).
import type { Logger } from "pino";

export interface ShutdownOptions {
  /** Exit 1 if the graceful path has not finished by then. Default 10 s. */
  timeoutMs?: number;
}

export function onShutdown(log: Logger, shutdown: (signal: NodeJS.Signals) => Promise<void>, opts: ShutdownOptions = {}): void {
  let started = false;
  const handle = (signal: NodeJS.Signals) => {
    // Repeats are expected (tsx watch relays the signal the process group already received): ignore.
    if (started) return;
    started = true;
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      log.error({ timeoutMs: opts.timeoutMs ?? 10_000 }, "graceful shutdown timed out; exiting");
      process.exit(1);
    }, opts.timeoutMs ?? 10_000);
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
