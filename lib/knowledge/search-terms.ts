// A caller's question as full-text search terms: the database parses it with the agent language's
// configuration (the same stemmer and stop words the chunks were indexed with), and each remaining
// lexeme gets an estimate of how common it is: from the statistics ANALYZE keeps on the tsv column
// for common words, by counting (up to a cap) in the tenant's chunks for the others.
// Common words ("service", "please") are what make an OR query slow and its ranking noisy, so
// retrieval generates candidates from the rarer terms and uses the common ones only for ranking.
import { Prisma } from "../db/generated/client";
import type { TenantScope } from "../tenant/scope";
import { synonymCandidates } from "./query-synonyms";

type RawQuery = Pick<Prisma.TransactionClient, "$queryRaw">;

export interface SearchTerm {
  lexeme: string;
  /** Lexemes that count as this one (synonyms from query-synonyms.ts); usually none. */
  alternatives: string[];
  /** Position of its first occurrence in the question (1-based, stop words counted). */
  position: number;
  /**
   * Estimated number of chunks containing it or an alternative: from the column statistics for
   * common words (all tenants), else counted in the tenant's chunks up to PROBE_CAP each.
   */
  df: number;
}

/** At most this many terms take part in a search: a question has few content words; a pasted paragraph is cut. */
export const MAX_TERMS = 8;
/** Words outside the statistics' common list are counted in the tenant's chunks up to this. */
export const PROBE_CAP = 200;
// Distinct rare lexemes (question words and their synonyms) counted per question.
const PROBED_LEXEMES = 24;

// ANALYZE lists the ~1 000 most common lexemes of the column with their frequency. They change slowly
// (a bulk upload moves them, one chunk does not), so a process re-reads them every few minutes.
const STATS_TTL_MS = 5 * 60_000;
// A listed word in more than this share of the rows is not probed: it is common, and counting it is
// what would be slow.
const PROBE_BELOW = 0.002;

interface LexemeStats {
  rows: number;
  frequency: Map<string, number>;
}
let stats: { at: number; value: Promise<LexemeStats> } | undefined;

function lexemeStats(db: RawQuery): Promise<LexemeStats> {
  const now = Date.now();
  if (stats && now - stats.at < STATS_TTL_MS) return stats.value;
  const value = db
    .$queryRaw<{ elems: string[] | null; freqs: number[] | null; rows: number }[]>`
      SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs::float8[] AS freqs, c.reltuples::float8 AS rows
      FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = c.relname AND s.attname = 'tsv'
      WHERE c.oid = '"KnowledgeChunk"'::regclass`
    .then(([row]) => {
      const frequency = new Map<string, number>();
      (row?.elems ?? []).forEach((e, i) => frequency.set(e, row?.freqs?.[i] ?? 0));
      return { rows: Math.max(row?.rows ?? 0, 0), frequency };
    });
  stats = { at: now, value };
  value.catch(() => (stats = undefined));
  return value;
}

/**
 * How many of the tenant's chunks contain each lexeme, up to PROBE_CAP: whole words (cheap GIN
 * lookups), and as a prefix only where the whole word is absent. One statement with the lexemes as
 * constants, so the planner sees how rare each one is.
 */
async function probe(db: RawQuery, scope: Pick<TenantScope, "tenantId">, lexemes: string[]): Promise<Map<string, number>> {
  if (lexemes.length === 0) return new Map();
  const count = (query: string) => Prisma.sql`(SELECT count(*)::int FROM (
    SELECT 1 FROM "KnowledgeChunk" c WHERE c."tenantId" = ${scope.tenantId} AND c."tsv" @@ ${query}::tsquery LIMIT ${PROBE_CAP}) p)`;
  const columns = lexemes.map((l) => {
    const exact = count(quote(l));
    return [...l].length >= MIN_PREFIX_LENGTH ? Prisma.sql`coalesce(nullif(${exact}, 0), ${count(`${quote(l)}:*`)})` : exact;
  });
  const [row] = await db.$queryRaw<{ hits: number[] }[]>`SELECT ARRAY[${Prisma.join(columns)}]::int[] AS hits`;
  return new Map(lexemes.map((l, i) => [l, row?.hits[i] ?? 0]));
}

/**
 * The question's distinct lexemes in the configuration `tsConfig`, in question order, with their
 * synonyms and estimated document frequency; words the tenant's chunks never contain (nor any of
 * their synonyms) are left out. No terms when only stop words or unknown words remain.
 */
export async function parseQuery(db: RawQuery, scope: Pick<TenantScope, "tenantId">, tsConfig: string, question: string): Promise<{ terms: SearchTerm[]; rows: number }> {
  const text = question.slice(0, 1_000);
  const synonyms = synonymCandidates(text, tsConfig);
  // Question words carry their position, synonym words their group.
  const [s, rows] = await Promise.all([
    lexemeStats(db),
    db.$queryRaw<{ lexeme: string; position: number | null; grp: number | null }[]>`
      SELECT q.lexeme, q.positions[1]::int AS position, NULL::int AS grp FROM unnest(to_tsvector(${tsConfig}::regconfig, ${text})) q
      UNION ALL
      SELECT t.lexeme, NULL::int, s.grp
      FROM unnest(${synonyms.map((x) => x.word)}::text[], ${synonyms.map((x) => x.group)}::int[]) AS s(word, grp),
        unnest(to_tsvector(${tsConfig}::regconfig, s.word)) t
      ORDER BY 2 NULLS LAST`,
  ]);
  // Common words are known from the statistics; counting them is what would be slow.
  const rare = [...new Set(rows.map((r) => r.lexeme))].filter((l) => (s.frequency.get(l) ?? 0) < PROBE_BELOW).slice(0, PROBED_LEXEMES);
  const hits = await probe(db, scope, rare);
  const df = (l: string) => hits.get(l) ?? Math.round((s.frequency.get(l) ?? 0) * s.rows);

  const groups = new Map<number, Set<string>>();
  for (const r of rows) if (r.grp !== null) groups.set(r.grp, (groups.get(r.grp) ?? new Set()).add(r.lexeme));
  const terms: SearchTerm[] = [];
  for (const r of rows) {
    if (r.position === null || terms.length >= MAX_TERMS) continue;
    const alternatives = new Set<string>();
    for (const g of groups.values()) if (g.has(r.lexeme)) for (const l of g) if (l !== r.lexeme && df(l) > 0) alternatives.add(l);
    const total = [r.lexeme, ...alternatives].reduce((sum, l) => sum + df(l), 0);
    if (total > 0) terms.push({ lexeme: r.lexeme, alternatives: [...alternatives], position: r.position, df: total });
  }
  return { terms, rows: s.rows };
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/**
 * Lexemes shorter than this match whole words only: as prefixes they hit unrelated words ("car"
 * would find "card" and "career", "week" would find "weekend").
 */
export const MIN_PREFIX_LENGTH = 5;

/**
 * A term as a tsquery operand, its synonyms as alternatives; `weight` "A" = in headings only. With
 * `prefix`, lexemes long enough match as prefixes ("refund" also finds "refundable"). Prefix
 * operands cost far more on the GIN index (every matching entry is read in full), so candidate
 * generation uses whole lexemes and ranking, which reads rows it already has, uses prefixes.
 */
export function operand(term: Pick<SearchTerm, "lexeme" | "alternatives">, weight = "", prefix = true): string {
  const all = [term.lexeme, ...term.alternatives].map((l) => {
    const star = prefix && [...l].length >= MIN_PREFIX_LENGTH ? "*" : "";
    return `${quote(l)}${star || weight ? ":" : ""}${star}${weight}`;
  });
  return all.length === 1 ? all[0]! : `(${all.join(" | ")})`;
}

/** tsquery text matching chunks that contain at least `m` of `terms` (an OR of every m-term AND). */
export function atLeastQuery(terms: SearchTerm[], m: number, prefix = false): string {
  const combos: string[] = [];
  const walk = (start: number, picked: string[]) => {
    if (picked.length === m) return void combos.push(picked.length > 1 ? `(${picked.join(" & ")})` : picked[0]!);
    for (let i = start; i <= terms.length - (m - picked.length); i++) walk(i + 1, [...picked, operand(terms[i]!, "", prefix)]);
  };
  walk(0, []);
  return combos.join(" | ");
}

/** Pairs of query words that stood next to each other (stop words between them kept as distance). */
export function phraseQueries(terms: SearchTerm[]): string[] {
  const byPosition = [...terms].sort((a, b) => a.position - b.position);
  const out: string[] = [];
  for (let i = 1; i < byPosition.length; i++) {
    const gap = byPosition[i]!.position - byPosition[i - 1]!.position;
    if (gap >= 1 && gap <= 3) out.push(`${operand(byPosition[i - 1]!)} <${gap}> ${operand(byPosition[i]!)}`);
  }
  return out;
}

/** Inverse document frequency: rare words weigh the most. `rows` is the index size (a floor keeps small indexes sane). */
export function termWeight(t: SearchTerm, rows: number): number {
  return Math.log(1 + Math.max(rows, 10_000) / Math.max(t.df, 1));
}
