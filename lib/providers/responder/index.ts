// Picks the responder (the LLM side of a call) from the environment: LLM_PROVIDER, or the vendor whose
// key is set, else "local" (the embedded rule-based responder); lib/providers/selection.ts decides and
// refuses unknown names or a vendor without its key, naming the variable.
import { getEnv, type Env } from "../../env";
import { createOpenAiResponderProvider } from "../openai/chat-responder";
import { createOpenAiClient, openAiClientOptions } from "../openai/client";
import { ProviderConfigError, selectProviders } from "../selection";
import { localResponderProvider } from "./local/responder";
import type { ResponderProvider } from "./types";

export * from "./types";

export function getResponderProvider(env: Env = getEnv()): ResponderProvider {
  const name = selectProviders(env).llm;
  switch (name) {
    case "local":
      return localResponderProvider;
    case "openai":
      return createOpenAiResponderProvider({
        client: createOpenAiClient(openAiClientOptions(env)),
        firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS,
        ...(env.LLM_FALLBACK_MODEL ? { fallbackModel: env.LLM_FALLBACK_MODEL } : {}),
      });
    default:
      throw new ProviderConfigError("PROVIDER_UNSUPPORTED", `LLM_PROVIDER=${name} is not available yet`);
  }
}
