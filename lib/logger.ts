// One pino logger per process; child loggers carry the component name.
import pino from "pino";
import { getEnv } from "./env";

let root: pino.Logger | undefined;

export function getLogger(component: string): pino.Logger {
  root ??= pino({
    level: getEnv().LOG_LEVEL,
    base: undefined,
    redact: ["password", "passwordHash", "*.password", "*.passwordHash", "authorization", "cookie"],
  });
  return root.child({ component });
}
