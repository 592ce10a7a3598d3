// The knowledge base's embedder on OpenAI: text-embedding-3-small (1536 dimensions, the pgvector
// column's size) through the SDK. Requests stay inside the API's limits (≤ 2048 inputs and a token
// budget per request, each input cut below the model's 8191-token window); 429s and 5xx are retried by
// the SDK with exponential backoff, honouring the server's retry-after.
import type OpenAI from "openai";
import type { EmbeddingProvider } from "../embeddings/types";

export const OPENAI_EMBEDDING_MODEL = "text-embedding-3-small";
export const OPENAI_EMBEDDING_DIMENSIONS = 1536;
const MAX_INPUTS = 2048;
// The API allows 300k tokens per request; characters/3 over-estimates tokens for English, so a batch
// under this many estimated tokens is safely under the real limit.
const MAX_BATCH_TOKENS = 250_000;
const MAX_INPUT_CHARS = 8191 * 3;

const estimateTokens = (text: string) => Math.ceil(text.length / 3);

/** Consecutive slices of `texts`, each within the input-count and token budgets. */
export function embeddingBatches(texts: readonly string[], maxInputs = MAX_INPUTS, maxTokens = MAX_BATCH_TOKENS): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let tokens = 0;
  for (const raw of texts) {
    // An empty input is a 400 from the API; a space embeds to "nothing in particular" and keeps the order.
    const text = raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw || " ";
    const t = estimateTokens(text);
    if (batch.length > 0 && (batch.length >= maxInputs || tokens + t > maxTokens)) {
      batches.push(batch);
      batch = [];
      tokens = 0;
    }
    batch.push(text);
    tokens += t;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

function unit(v: number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  return norm > 0 && Math.abs(norm - 1) > 1e-6 ? v.map((x) => x / norm) : v;
}

export function createOpenAiEmbeddingProvider(client: OpenAI): EmbeddingProvider {
  return {
    name: "openai",
    model: OPENAI_EMBEDDING_MODEL,
    dimensions: OPENAI_EMBEDDING_DIMENSIONS,
    async embed(texts, opts) {
      const out: number[][] = [];
      for (const input of embeddingBatches(texts)) {
        opts?.signal?.throwIfAborted();
        const res = await client.embeddings.create({ model: OPENAI_EMBEDDING_MODEL, input }, opts?.signal ? { signal: opts.signal } : {});
        const rows = [...res.data].sort((a, b) => a.index - b.index);
        if (rows.length !== input.length) throw new Error(`embeddings: asked for ${input.length}, got ${rows.length}`);
        for (const row of rows) {
          const v = Array.from(row.embedding);
          if (v.length !== OPENAI_EMBEDDING_DIMENSIONS) throw new Error(`embeddings: expected ${OPENAI_EMBEDDING_DIMENSIONS} dimensions, got ${v.length}`);
          out.push(unit(v));
        }
      }
      return out;
    },
  };
}
