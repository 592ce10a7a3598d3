// Ranks an agent's FAQ entries for a caller's question. Pure and synchronous: the engine's
// search_knowledge tool calls it per question, the local responder uses it to decide whether an FAQ
// answers the caller confidently, and the knowledge issue will merge its hits with document hits.
//
// BM25 over a tiny corpus (k1 1.2, b 0.75), with the question counted twice so that a match in the
// question outweighs one in the answer. Terms are lower-cased words minus stop words, reduced by a
// light stemmer, then mapped onto one canonical word per group of phone-call synonyms, so "are you
// open on saturdays" meets "What are your weekend hours?" through "open"→"hour" and "saturday"→"weekend".
// Raw BM25 is not comparable between queries, so rankFaq also reports how much of the query and of the
// question were matched: the responder needs that to tell "answered" from "one shared word".
import type { KnowledgeHit } from "../conversation/types";

export interface FaqEntry {
  question: string;
  answer: string;
}

export interface FaqMatch {
  entry: FaqEntry;
  index: number;
  /** BM25 score (higher is better; only meaningful within one query). */
  score: number;
  /** Share of the query's distinct terms (idf-weighted) found in the entry's question. */
  queryCoverage: number;
  /** Share of the question's distinct terms found in the query. */
  questionCoverage: number;
}

const K1 = 1.2;
const B = 0.75;
const QUESTION_WEIGHT = 2;

// Words that carry no topic on a phone line ("can you tell me if you're open" is about "open").
const STOP_WORDS = new Set(
  ("a an the and or but if of to in on at by for with from about as into than then so too very just also " +
    "i me my mine we us our ours you your yours he him his she her it its they them their this that these those " +
    "is am are was were be been being do does did doing have has had having will would shall should can could may might must " +
    "what which who whom whose when where why how there here any some all each every no not yes please thanks thank " +
    "hi hello hey okay ok well uh um er erm hmm oh like want wanted need know tell let get got going go s d ll re ve m t " +
    "anything something someone somebody one much many more most other again still really actually maybe possible").split(" "),
);

// Stemmed word → canonical term. Groups are the vocabulary callers use for the same thing.
const SYNONYM_GROUPS: string[][] = [
  ["hour", "open", "opened", "opening", "close", "closed", "closing", "schedule", "scheduled", "time"],
  ["price", "priced", "cost", "fee", "charge", "charged", "rate", "pricing", "expensive", "cheap", "afford", "quote"],
  ["park", "parking", "garage", "car"],
  ["address", "locate", "located", "location", "direction", "find", "street"],
  ["appointment", "book", "booked", "booking", "reservation", "reserve", "reserved", "visit", "slot"],
  ["cancel", "canceled", "cancelled", "cancellation", "reschedule"],
  ["pay", "payment", "card", "credit", "cash", "debit", "check", "paypal"],
  ["insurance", "insure", "insured", "insurer", "coverage", "cover", "medicaid", "medicare"],
  ["weekend", "saturday", "sunday"],
  ["holiday", "christmas", "thanksgiving", "easter"],
  ["child", "children", "kid", "baby", "pediatric"],
  ["pet", "dog", "cat", "animal"],
  ["accessible", "wheelchair", "accessibility", "disabled", "disability", "ramp", "elevator"],
  ["deliver", "delivery", "ship", "shipping"],
  ["emergency", "urgent", "urgently"],
  ["accept", "accepted", "take", "taking"],
  ["phone", "number", "call"],
  ["email", "mail", "e-mail"],
  ["new", "first"],
  ["client", "patient", "customer"],
  ["wait", "waiting", "queue"],
  ["refund", "return", "exchange"],
  ["speak", "talk", "language", "spanish", "english"],
];
const CANONICAL = new Map<string, string>();
// Both the word and its stem are keys: "closed" stems to "clos", which must still mean "hour".
for (const group of SYNONYM_GROUPS) for (const w of group) for (const k of [w, stemWord(w)]) CANONICAL.set(k, group[0]!);

/** Light suffix stripping: enough to meet plurals and -ing/-ed forms, never below 3 letters. */
export function stemWord(word: string): string {
  let w = word.replace(/'s$/, "").replace(/'/g, "");
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ches|shes|sses|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  if (/(.)\1$/.test(w) && !/(ll|ss|ee|oo)$/.test(w) && w.length > 3) w = w.slice(0, -1); // "shipp" → "ship"
  return w;
}

/** The search terms of a text, in order (repeats kept: they are term frequencies). */
export function faqTerms(text: string): string[] {
  const words = text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) ?? [];
  const terms: string[] = [];
  for (const raw of words) {
    const base = raw.split("'")[0]!; // "you're" → "you", "doctor's" → "doctor"
    if (STOP_WORDS.has(raw) || STOP_WORDS.has(base)) continue;
    const stem = stemWord(base);
    if (stem.length < 2 || STOP_WORDS.has(stem)) continue;
    terms.push(CANONICAL.get(stem) ?? CANONICAL.get(base) ?? stem);
  }
  return terms;
}

const counts = (terms: string[]) => {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

/** Every entry that shares at least one term with the query, best first, with coverage figures. */
export function rankFaq(entries: readonly FaqEntry[], query: string): FaqMatch[] {
  const queryTerms = [...new Set(faqTerms(query))];
  if (queryTerms.length === 0 || entries.length === 0) return [];

  const docs = entries.map((entry) => {
    const q = faqTerms(entry.question);
    const tf = counts([...Array.from({ length: QUESTION_WEIGHT }, () => q).flat(), ...faqTerms(entry.answer)]);
    return { entry, tf, length: [...tf.values()].reduce((s, n) => s + n, 0), questionTerms: new Set(q) };
  });
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / docs.length || 1;
  const n = docs.length;
  const idf = new Map(
    queryTerms.map((t) => {
      const df = docs.filter((d) => d.tf.has(t)).length;
      return [t, Math.log(1 + (n - df + 0.5) / (df + 0.5))];
    }),
  );
  const idfTotal = queryTerms.reduce((s, t) => s + idf.get(t)!, 0);

  const matches: FaqMatch[] = [];
  docs.forEach((d, index) => {
    let score = 0;
    let covered = 0;
    for (const t of queryTerms) {
      const f = d.tf.get(t) ?? 0;
      if (f === 0) continue;
      score += (idf.get(t)! * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avgLength));
      if (d.questionTerms.has(t)) covered += idf.get(t)!;
    }
    if (score <= 0) return;
    const inQuery = [...d.questionTerms].filter((t) => queryTerms.includes(t)).length;
    matches.push({
      entry: d.entry,
      index,
      score,
      queryCoverage: idfTotal > 0 ? covered / idfTotal : 0,
      questionCoverage: d.questionTerms.size > 0 ? inQuery / d.questionTerms.size : 0,
    });
  });
  // Ties keep the author's order: the earlier FAQ entry is usually the more general one.
  return matches.sort((a, b) => b.score - a.score || a.index - b.index);
}

/** The `limit` best FAQ entries for `query` as knowledge hits (the answer is the text to speak). */
export function searchFaq(entries: readonly FaqEntry[], query: string, limit: number): KnowledgeHit[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`searchFaq: limit must be a positive integer, got ${limit}`);
  return rankFaq(entries, query)
    .slice(0, limit)
    .map((m) => ({ text: m.entry.answer, source: "faq" as const, title: m.entry.question, score: Math.round(m.score * 1000) / 1000 }));
}
