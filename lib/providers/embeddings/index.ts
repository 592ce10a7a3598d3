// The embedding provider of this process, or null: without one, documents are indexed and searched
// with full-text alone (hybrid retrieval falls back to full-text). selectProviders() decides: "openai"
// (text-embedding-3-small, 1536 dimensions) when EMBEDDINGS_PROVIDER=openai or OPENAI_API_KEY is set,
// else none. Tests install their own with setEmbeddingProvider().
import { getEnv, type Env } from "../../env";
import { createOpenAiClient, openAiClientOptions } from "../openai/client";
import { createOpenAiEmbeddingProvider } from "../openai/embeddings";
import { selectProviders } from "../selection";
import type { EmbeddingProvider } from "./types";

export type { EmbeddingProvider } from "./types";

// undefined: decided by the environment; null: none (set by a test).
let override: EmbeddingProvider | null | undefined;
// Searches ask for the provider on every query: one SDK client (and its connection pool) per env.
const built = new WeakMap<Env, EmbeddingProvider | null>();

const EMBEDDING_RETRIES = 4; // 429/5xx, with the SDK's exponential backoff

export function getEmbeddingProvider(env: Env = getEnv()): EmbeddingProvider | null {
  if (override !== undefined) return override;
  if (built.has(env)) return built.get(env) ?? null;
  const provider =
    selectProviders(env).embeddings === "openai"
      ? createOpenAiEmbeddingProvider(createOpenAiClient({ ...openAiClientOptions(env), maxRetries: EMBEDDING_RETRIES }))
      : null;
  built.set(env, provider);
  return provider;
}

/** Tests: the provider this process uses from now on (null: none; undefined: the environment's again). */
export function setEmbeddingProvider(provider: EmbeddingProvider | null | undefined): void {
  override = provider;
}
