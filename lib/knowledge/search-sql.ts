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

/** Joins the chunk `c` to its document `d` and keeps only what the caller may read. */
function visible(v: Visibility): Prisma.Sql {
  const agent = v.agentId
    ? Prisma.sql`AND (d."allAgents" OR EXISTS (SELECT 1 FROM "KnowledgeDocumentAgent" a
        WHERE a."tenantId" = ${v.scope.tenantId} AND a."documentId" = d."id" AND a."agentId" = ${v.agentId}))`
    : Prisma.empty;
  return Prisma.sql`JOIN "KnowledgeDocument" d ON d."id" = c."documentId" AND d."tenantId" = ${v.scope.tenantId} AND d."status" = 'READY' ${agent}`;
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

/** Nearest chunks by cosine distance on the HNSW index; score = 1 - distance (cosine similarity). */
export async function vectorNeighbours(db: RawQuery, v: Visibility, embedding: number[], limit: number): Promise<ChunkRow[]> {
  const literal = `[${embedding.join(",")}]`;
  return db.$queryRaw<ChunkRow[]>`
    SELECT c."id", c."documentId", d."title", c."heading", c."page", c."text",
      (1 - (c."embeddingVec" <=> ${literal}::vector))::float8 AS score
    FROM "KnowledgeChunk" c ${visible(v)}
    WHERE c."tenantId" = ${v.scope.tenantId} AND c."embeddingVec" IS NOT NULL
    ORDER BY c."embeddingVec" <=> ${literal}::vector
    LIMIT ${limit}`;
}
