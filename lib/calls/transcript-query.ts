// What a transcript search box means as a PostgreSQL tsquery, in the 'simple' configuration the
// CallTurn.tsv column is generated with (migration calls_search says why). Web-search syntax
// ("a phrase", -not, or) through websearch_to_tsquery; the last word, when it is a plain word still
// being typed, also matches as a prefix, so "park" finds "parking" and "appoint" finds "appointment".
import { Prisma } from "../db/generated/client";

const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

export interface TranscriptQuery {
  /** Text for websearch_to_tsquery ("" when the prefix word is all there is). */
  words: string;
  /** The last word, lower-case, letters and digits only, matched as a prefix; null when not a plain word. */
  prefix: string | null;
}

export function parseTranscriptQuery(q: string): TranscriptQuery {
  const text = q.trim();
  const cut = text.search(/\S+$/);
  const last = cut >= 0 ? text.slice(cut) : "";
  // Inside an open quote the word belongs to a phrase; "or" is websearch's operator, not a word.
  const openQuote = (text.match(/"/g)?.length ?? 0) % 2 === 1;
  if (!PLAIN_WORD.test(last) || openQuote || last.toLowerCase() === "or") return { words: text, prefix: null };
  return { words: text.slice(0, cut).trim(), prefix: last.toLowerCase() };
}

/** The tsquery expression; matches nothing when the text holds no word at all. */
export function transcriptTsquery(q: string): Prisma.Sql {
  const { words, prefix } = parseTranscriptQuery(q);
  const web = Prisma.sql`websearch_to_tsquery('simple'::regconfig, ${words})`;
  if (prefix === null) return web;
  // The prefix word holds letters and digits only, so it cannot inject tsquery operators.
  const starts = Prisma.sql`to_tsquery('simple'::regconfig, ${`${prefix}:*`})`;
  return words ? Prisma.sql`(${web} && ${starts})` : starts;
}
