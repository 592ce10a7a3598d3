// A deterministic, offline embedder for tests only: feature hashing of a text's terms (the FAQ
// ranker's stemmed, synonym-folded words) and of their character trigrams into a fixed-size vector,
// L2-normalised. Texts sharing words or word parts land close in cosine distance, so vector and
// hybrid retrieval can be exercised end to end without a model; it has no real semantics.
import { faqTerms } from "../knowledge/faq-search";
import type { EmbeddingProvider } from "../providers/embeddings/types";

/** FNV-1a, 32-bit: stable across processes and platforms. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function hashEmbedding(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    // The top bit picks the sign so unrelated features cancel out instead of piling up.
    v[h % dimensions]! += h & 0x80000000 ? -weight : weight;
  };
  for (const term of faqTerms(text)) {
    add(`w:${term}`, 1);
    const padded = `^${term}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.25);
  }
  const norm = Math.hypot(...v);
  return norm > 0 ? v.map((x) => x / norm) : v;
}

export function createHashEmbedder(dimensions = 1536): EmbeddingProvider & { calls: number } {
  return {
    name: "hash",
    model: `hash-${dimensions}`,
    dimensions,
    calls: 0,
    async embed(texts, opts) {
      opts?.signal?.throwIfAborted();
      this.calls += 1;
      return texts.map((t) => hashEmbedding(t, dimensions));
    },
  };
}
