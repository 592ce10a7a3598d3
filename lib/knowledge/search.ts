// Document retrieval for one tenant: full-text always, vectors where there is an embedder and the
// database has the pgvector column, both fused by reciprocal rank in "hybrid" mode (the default).
// What may be returned: the tenant's READY documents, and with an agent only those shared with all
// agents or assigned to it. Used by the search API, the test box and the voice engine's tool.
import type { EmbeddingProvider } from "../providers/embeddings/types";
import { getEmbeddingProvider } from "../providers/embeddings";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import { reciprocalRankFusion, RRF_K } from "./fuse";
import { fulltextSearch, vectorNeighbours, type ChunkRow, type Visibility } from "./search-sql";
import { parseQuery, type SearchTerm } from "./search-terms";
import { tsConfigFor } from "./text-search-config";
import type { KnowledgePassage, KnowledgeQuery } from "./types";
import { hasVectorColumn, VECTOR_DIMENSIONS } from "./vector-support";

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 50;

// A word in more than this share of all chunks ranks results but does not pick candidates: alone it
// would match a large part of the index ("service", "call").
const COMMON_SHARE = 0.05;
// Candidate generation uses at most this many of the rarest terms (the ladder's width), and at least
// this many when the question has them.
const GENERATING_TERMS = 5;
const MIN_GENERATING = 3;

type Deps = { embedder?: EmbeddingProvider | null };

/**
 * The terms that generate candidates, rarest first: every rare one, topped up with the next rarest to
 * at least MIN_GENERATING (an AND with a rare word stays cheap however common the others are, and
 * "Elm" AND "park" is far more precise than "Elm" alone). Only rare terms may match alone (`single`).
 */
function generatingTerms(terms: SearchTerm[], rows: number): { gen: SearchTerm[]; single: SearchTerm[] } {
  const byRarity = [...terms].sort((a, b) => a.df - b.df);
  const rare = byRarity.filter((t) => rows === 0 || t.df <= COMMON_SHARE * rows);
  const single = rare.length > 0 ? rare.slice(0, GENERATING_TERMS) : byRarity.slice(0, 1);
  return { gen: byRarity.slice(0, Math.min(GENERATING_TERMS, Math.max(single.length, MIN_GENERATING))), single };
}

/**
 * `limit` is what the caller asked for and decides how hard the search tries (ladder depth, the slow
 * prefix level); `depth` is how many rows come back (deeper for fusion, which must not make the
 * full-text side try harder than a full-text search for `limit` would).
 */
async function fulltext(db: ReturnType<typeof scopedDb>, v: Visibility, q: KnowledgeQuery, limit: number, depth = limit): Promise<ChunkRow[]> {
  const { terms, rows } = await parseQuery(db, v.scope, tsConfigFor(q.language ?? "en-US"), q.query);
  if (terms.length === 0) return [];
  return fulltextSearch(db, v, { ...generatingTerms(terms, rows), all: terms, rows }, Math.max(limit * 3, 15, depth), depth, limit);
}

async function vector(db: ReturnType<typeof scopedDb>, v: Visibility, q: KnowledgeQuery, embedder: EmbeddingProvider, limit: number): Promise<ChunkRow[]> {
  const [embedding] = await embedder.embed([q.query]);
  if (!embedding || embedding.length !== VECTOR_DIMENSIONS) return [];
  // A transaction: the HNSW scan's settings are local to it.
  return db.$transaction((tx) => vectorNeighbours(tx, v, embedding, limit));
}

const toPassage = (r: ChunkRow, score: number): KnowledgePassage => ({
  source: "document",
  id: r.id,
  documentId: r.documentId,
  title: r.title,
  heading: r.heading,
  page: r.page,
  text: r.text,
  score: Math.round(score * 10_000) / 10_000,
});

export async function searchDocuments(scope: TenantScope, q: KnowledgeQuery, deps: Deps = {}): Promise<KnowledgePassage[]> {
  const limit = Math.min(Math.max(1, Math.floor(q.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const mode = q.mode ?? "hybrid";
  if (!q.query.trim()) return [];
  const db = scopedDb(scope);
  const v: Visibility = { scope, agentId: q.agentId ?? null };
  const embedder = deps.embedder === undefined ? getEmbeddingProvider() : deps.embedder;
  const vectors = mode !== "fulltext" && embedder !== null && (await hasVectorColumn(db));

  if (mode === "vector") return vectors ? (await vector(db, v, q, embedder, limit)).map((r) => toPassage(r, r.score)) : [];
  if (!vectors) return (await fulltext(db, v, q, limit)).map((r) => toPassage(r, r.score));

  // Hybrid: both lists a little deeper than asked, so an item second-best in both can surface.
  const depth = Math.max(limit * 4, 20);
  const [text, near] = await Promise.all([fulltext(db, v, q, limit, depth), vector(db, v, q, embedder, depth)]);
  // Scaled so that first in both lists is 1, like a full-coverage full-text score.
  const best = 2 / (RRF_K + 1);
  return reciprocalRankFusion([text, near])
    .slice(0, limit)
    .map(({ item, score }) => toPassage(item, score / best));
}
