// Picks the responder from the environment. "local" (the embedded rule-based responder) is the
// default and the only one until the vendor issue adds OpenAI; any other value fails at startup with
// a message naming the variable, rather than silently falling back to local.
import { getEnv, type Env } from "../../env";
import { localResponderProvider } from "./local/responder";
import type { ResponderProvider } from "./types";

export * from "./types";

export class ResponderConfigError extends Error {
  readonly code = "RESPONDER_PROVIDER_UNSUPPORTED";
  constructor(value: string) {
    super(`RESPONDER_PROVIDER="${value}" is not supported: the only responder available is "local" (the default)`);
    this.name = "ResponderConfigError";
  }
}

export function getResponderProvider(env: Pick<Env, "RESPONDER_PROVIDER"> = getEnv()): ResponderProvider {
  const { RESPONDER_PROVIDER } = env;
  if (RESPONDER_PROVIDER === "local") return localResponderProvider;
  throw new ResponderConfigError(RESPONDER_PROVIDER);
}
