// The embedding provider of this process, or null: without one, documents are indexed and searched
// with full-text alone (hybrid retrieval falls back to full-text). There is no provider yet: issue 10
// adds the OpenAI one (text-embedding-3-small, 1536 dimensions) behind this function, chosen when
// OPENAI_API_KEY is set in lib/env.ts. Tests install a local one with setEmbeddingProvider().
import type { EmbeddingProvider } from "./types";

export type { EmbeddingProvider } from "./types";

let override: EmbeddingProvider | null = null;

export function getEmbeddingProvider(): EmbeddingProvider | null {
  return override;
}

/** Tests: the provider this process uses from now on (null: none again). */
export function setEmbeddingProvider(provider: EmbeddingProvider | null): void {
  override = provider;
}
