// One pino logger per process; child loggers carry the component name. Every line written while a
// request (or job) is handled carries its context (requestId) through AsyncLocalStorage, so callers
// never pass a logger or an id down: `withLogContext({ requestId }, handler)` at the edge is enough.
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { getEnv } from "./env";

export type LogContext = { requestId?: string };

const context = new AsyncLocalStorage<LogContext>();
let root: pino.Logger | undefined;

function createRoot(destination?: pino.DestinationStream, level?: pino.LevelWithSilent): pino.Logger {
  const options: pino.LoggerOptions = {
    level: level ?? getEnv().LOG_LEVEL,
    base: undefined,
    redact: ["password", "passwordHash", "*.password", "*.passwordHash", "authorization", "cookie"],
    mixin: () => ({ ...context.getStore() }),
  };
  return destination ? pino(options, destination) : pino(options);
}

export function getLogger(component: string): pino.Logger {
  root ??= createRoot();
  return root.child({ component });
}

/** Runs `fn` with `ctx` added to every log line written inside it (awaited work included). */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return context.run({ ...context.getStore(), ...ctx }, fn);
}

/** Tests: send log lines to `destination` (loggers made before this call keep their old root). */
export function setLogDestination(destination: pino.DestinationStream, level: pino.LevelWithSilent = "info"): void {
  root = createRoot(destination, level);
}
