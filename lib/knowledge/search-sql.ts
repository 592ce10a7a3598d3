// The SQL of document retrieval: which chunks may be returned (the tenant's READY documents this
// agent answers from), the full-text candidates and their ranking, and the vector neighbours.
// Every statement carries its own tenant condition: raw SQL does not pass through scopedDb's filter.
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "../tenant/scope";
import { atLeastQuery, operand, phraseQueries, termWeight, type SearchTerm } from "./search-terms";

type RawQuery = Pick<Prisma.TransactionClient, "$queryRaw">;

export interface Visibility {
  /** The tenant whose chunks may be returned. */
  scope: Pick<TenantScope, "tenantId">;
  /** Only documents shared with all agents or assigned to this one; null = every document. */
  agentId: string | null;
}

export interface ChunkRow {
  id: string;
  documentId: string;
  title: string;
  heading: string;
  page: number | null;
  text: string;
  score: number;
}

/** The document `d` is one this agent answers from (shared with all agents or assigned to it). */
function agentCondition(v: Visibility): Prisma.Sql {
  return v.agentId
    ? Prisma.sql`AND (d."allAgents" OR EXISTS (SELECT 1 FROM "KnowledgeDocumentAgent" a
        WHERE a."tenantId" = ${v.scope.tenantId} AND a."documentId" = d."id" AND a."agentId" = ${v.agentId}))`
    : Prisma.empty;
}

/** Joins the chunk `c` to its document `d` and keeps only what the caller may read. */
function visible(v: Visibility): Prisma.Sql {
  return Prisma.sql`JOIN "KnowledgeDocument" d ON d."id" = c."documentId" AND d."tenantId" = ${v.scope.tenantId} AND d."status" = 'READY' ${agentCondition(v)}`;
}

// Candidates per level of the ladder; a level past this is cut (its rows all cover the same number of
// generating terms, so what is cut ranks below what the levels above found).
const LEVEL_CAP = 300;

/**
 * The candidate ladder as CTEs: chunks containing all of `gen`, then at least all but one, and so on
 * down to any one of `single` (the rare ones); each level runs only while the levels above found fewer than `want` (a
 * one-time filter the planner evaluates before scanning). Levels match whole lexemes: an AND with a
 * rare word costs little on the GIN index however common the others are. A last level matches
 * prefixes ("choco" → "chocolate"), only when the whole words found fewer than `limit`.
 */
function ladder(v: Visibility, gen: SearchTerm[], single: SearchTerm[], want: number, limit: number): Prisma.Sql {
  const names: string[] = [];
  const levels: Prisma.Sql[] = [];
  const level = (name: string, query: string, below: number) => {
    const found = names.map((n) => `(SELECT count(*) FROM ${n})`).join(" + ");
    const gate = found ? Prisma.sql`AND ${Prisma.raw(found)} < ${below}` : Prisma.empty;
    // The tenant condition is written so that it cannot use the tenantId index: the planner likes to
    // AND a GIN bitmap of a few hundred rows with the tenant's whole btree range (100 000 entries,
    // ~10 ms) to save heap visits that cost less. The rows are checked all the same.
    levels.push(Prisma.sql`${Prisma.raw(name)} AS MATERIALIZED (
      SELECT c."id" FROM "KnowledgeChunk" c ${visible(v)}
      WHERE (c."tenantId" || '') = ${v.scope.tenantId} AND c."tsv" @@ ${query}::tsquery ${gate}
      LIMIT ${LEVEL_CAP})`);
    names.push(name);
  };
  for (let m = gen.length; m >= 2; m--) level(`l${m}`, atLeastQuery(gen, m), want);
  level("l1", atLeastQuery(single, 1), want);
  level("lp", atLeastQuery(single, 1, true), limit);
  const union = Prisma.raw(names.map((n) => `SELECT "id" FROM ${n}`).join(" UNION "));
  return Prisma.sql`${Prisma.join(levels, ", ")}, candidates AS (${union})`;
}

/**
 * Full-text search in one statement: candidates from the ladder over the generating terms `gen`,
 * ranked over `all` terms. The idf-weighted share of query terms a chunk covers decides (more of the
 * question's rare words wins), matches in the heading (weight A) add half again, query words that
 * stand together as a phrase add a bonus, and ts_rank_cd breaks ties by proximity and density.
 * Scores land around 0..2: 1 is every term covered once in the text.
 */
export async function fulltextSearch(
  db: RawQuery,
  v: Visibility,
  terms: { gen: SearchTerm[]; single: SearchTerm[]; all: SearchTerm[]; rows: number },
  want: number,
  limit: number,
  /** Run the (slow) prefix level only when whole words found fewer than this; default `limit`. */
  prefixBelow = limit,
): Promise<ChunkRow[]> {
  const { gen, single, all, rows } = terms;
  if (gen.length === 0 || all.length === 0) return [];
  const total = all.reduce((s, t) => s + termWeight(t, rows), 0);
  const coverage = Prisma.join(
    all.map((t) => {
      const w = termWeight(t, rows) / total;
      return Prisma.sql`${w}::float8 * ((c."tsv" @@ ${operand(t)}::tsquery)::int + 0.5 * (c."tsv" @@ ${operand(t, "A")}::tsquery)::int)`;
    }),
    " + ",
  );
  const phrases = phraseQueries(all);
  const phrase = phrases.length
    ? Prisma.sql`+ ${0.3 / phrases.length}::float8 * (${Prisma.join(
        phrases.map((p) => Prisma.sql`(c."tsv" @@ ${p}::tsquery)::int`),
        " + ",
      )})`
    : Prisma.empty;
  const any = all.map((t) => operand(t)).join(" | ");
  // Coverage and phrases are cheap tsvector probes; ts_rank_cd (cover density) costs ~40 µs a row, so
  // it only breaks ties among the best `rerank`. Normalization 32 (rank / (rank + 1)) keeps it < 0.1.
  const rerank = Math.max(limit * 4, 20);
  return db.$queryRaw<ChunkRow[]>`
    WITH ${ladder(v, gen, single, want, prefixBelow)},
    scored AS MATERIALIZED (
      SELECT c."id", c."documentId", c."ordinal", c."heading", c."page", c."text", c."tsv", (${coverage} ${phrase})::float8 AS pre
        FROM candidates JOIN "KnowledgeChunk" c ON c."id" = candidates."id" AND c."tenantId" = ${v.scope.tenantId}
      ORDER BY pre DESC
      LIMIT ${rerank})
    SELECT s."id", s."documentId", d."title", s."heading", s."page", s."text",
      (s.pre + 0.1 * ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', s."tsv", ${any}::tsquery, 32))::float8 AS score
    FROM scored s JOIN "KnowledgeDocument" d ON d."id" = s."documentId" AND d."tenantId" = ${v.scope.tenantId}
    ORDER BY score DESC, s."documentId", s."ordinal"
    LIMIT ${limit}`;
}

// pgvector ≥ 0.8 iterative index scans, for one transaction (set_config(…, true) = SET LOCAL): the
// HNSW scan goes on past ef_search candidates until LIMIT rows pass the tenant and visibility filter
// (relaxed order: re-sorted after), but gives up after a bounded number of index tuples (a whole-index
// scan costs ~0.1 s on PGlite), leaving the rest to the exact path. ef_search 10x the limit: at 2x,
// 7% of the depth-20 list differed from the exact one and hybrid recall@5 fell 0.90 → 0.85 (bench, 5k).
function annSettings(limit: number): Prisma.Sql {
  const ef = Math.min(Math.max(40, limit * 10), 1000);
  const maxScan = Math.max(1000, limit * 50);
  return Prisma.sql`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', ${String(ef)}, true),
    set_config('hnsw.max_scan_tuples', ${String(maxScan)}, true)`;
}

/**
 * Nearest chunks by cosine distance; score = 1 - distance (cosine similarity). Run it in a
 * transaction: the index settings are local to it. First the HNSW index, with every condition inside
 * the index scan's filter (the visibility check is a per-row subplan, OFFSET 0 keeps the planner from
 * turning it into a join: any join made it sort the tenant's whole range exactly, ~10x slower at
 * depth 20). When that finds fewer than `limit` (a tenant or agent with a small share of the index),
 * the exact path: every visible chunk's distance, ordered by score (an order the index cannot serve).
 */
export async function vectorNeighbours(db: RawQuery, v: Visibility, embedding: number[], limit: number): Promise<ChunkRow[]> {
  const literal = `[${embedding.join(",")}]`;
  await db.$queryRaw`${annSettings(limit)}`;
  const near = await db.$queryRaw<ChunkRow[]>`
    WITH near AS MATERIALIZED (
      SELECT c."id", c."documentId", c."heading", c."page", c."text", c."embeddingVec" <=> ${literal}::vector AS distance
      FROM "KnowledgeChunk" c
      WHERE c."tenantId" = ${v.scope.tenantId} AND EXISTS (SELECT 1 FROM "KnowledgeDocument" d
        WHERE d."id" = c."documentId" AND d."tenantId" = ${v.scope.tenantId} AND d."status" = 'READY' ${agentCondition(v)} OFFSET 0)
      ORDER BY c."embeddingVec" <=> ${literal}::vector
      LIMIT ${limit})
    SELECT n."id", n."documentId", d."title", n."heading", n."page", n."text", (1 - n.distance)::float8 AS score
    FROM near n JOIN "KnowledgeDocument" d ON d."id" = n."documentId" AND d."tenantId" = ${v.scope.tenantId}
    ORDER BY n.distance
    LIMIT ${limit}`;
  if (near.length >= limit) return near;
  return db.$queryRaw<ChunkRow[]>`
    SELECT c."id", c."documentId", d."title", c."heading", c."page", c."text",
      (1 - (c."embeddingVec" <=> ${literal}::vector))::float8 AS score
    FROM "KnowledgeChunk" c ${visible(v)}
    WHERE c."tenantId" = ${v.scope.tenantId} AND c."embeddingVec" IS NOT NULL
    ORDER BY score DESC
    LIMIT ${limit}`;
}
