// What the knowledge base needs from an embedding model: text in, one unit-length vector per text out.
// Vendor SDK types stay in the vendor's folder (issue 10 adds lib/providers/openai/embeddings.ts).

export interface EmbeddingProvider {
  /** Provider name for logs and usage ("openai", "hash"). */
  name: string;
  /** Model id ("text-embedding-3-small"). Vectors of different models are not comparable. */
  model: string;
  /** Length of every vector embed() returns; the pgvector column holds 1536. */
  dimensions: number;
  /** One vector per text, in order. Rejects on failure (the caller decides whether to retry). */
  embed(texts: string[], opts?: { signal?: AbortSignal }): Promise<number[][]>;
}
