// The sentence of a retrieved passage that answers a caller's question: what the local responder says
// instead of reading a whole chunk down the line. The passage is cut into speakable units
// (spoken-units.ts) and each is scored by the question's content terms it contains (the FAQ search's
// terms: stop words dropped, light stemming, phone-call synonyms, so "how much is parking" meets
// "the garage costs …"), terms rare within the passage counting more. A question asking how much,
// when, how long, how many or where prefers the unit that holds that kind of fact (a price, a time, a
// duration, a number, an address). Units that only share a word with the question are not answers:
// null lets the responder say honestly that it is not sure.
import { faqTerms, stemWord } from "./faq-search";
import { spokenUnits, type SpokenUnit } from "./spoken-units";

export interface AnswerOptions {
  /** Units spoken at most (the best one plus the one that completes it). Default 2. */
  maxSentences?: number;
  /** Characters spoken at most: a phone answer is a breath or two. Default 240. */
  maxChars?: number;
}

type FactKind = "money" | "time" | "duration" | "count" | "place";

const NUMBER_WORD = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand";

// What the question asks for, read from its wording.
const ASKS: [FactKind, RegExp][] = [
  ["money", /\b(?:how much|cost|costs|price|prices|pricing|fee|fees|charge|charges|rate|rates|expensive|cheap|pay|paid)\b/],
  ["time", /\b(?:when|what time|hours|open|opens|opening|close|closes|closing)\b/],
  ["duration", /\b(?:how long|how soon|how quickly|how many (?:days|hours|minutes|weeks|months|years)|within|deadline|wait)\b/],
  ["count", /\b(?:how many|how old|minimum|maximum|age|limit|number of)\b/],
  ["place", /\b(?:where|address|located|location|directions)\b/],
];

// Whether a unit holds that kind of fact.
const HOLDS: Record<FactKind, RegExp> = {
  money: new RegExp(`[$€£¥]\\s?\\d|\\d(?:[.,]\\d+)?\\s?(?:dollars?|euros?|pounds?|cents?|usd|eur|gbp)\\b|\\b(?:${NUMBER_WORD})\\s+(?:dollars?|euros?|pounds?)\\b|\\bfree\\b|\\bno charge\\b`, "i"),
  time: /\b\d{1,2}(?::\d\d)?\s?(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d\d\b|\bnoon\b|\bmidnight\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bweekdays?\b|\bweekends?\b|\b24\/7\b|\bclosed\b/i,
  duration: new RegExp(`\\b(?:\\d+|a|an|${NUMBER_WORD})[\\s-](?:business\\s|working\\s|calendar\\s)?(?:minutes?|hours?|days?|weeks?|months?|years?)\\b`, "i"),
  count: new RegExp(`\\d|\\b(?:${NUMBER_WORD})\\b`, "i"),
  place: /\b\d+\s+\w+(?:\s\w+)*?\s(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|plaza|square)\b|\b(?:suite|floor|building|corner of|next to|across from)\b/i,
};

// The FAQ search's canonical terms a kind of question implies ("how much" is about price even
// when the caller never says the word): they score, but a passage need not contain them.
const IMPLIED: Partial<Record<FactKind, string>> = { money: "price", time: "hour" };

const FACT_BONUS = 0.75;
/** The caller's own word (not only a synonym of it): "check" should find "checks" before "payment". */
const SAME_WORD_BONUS = 0.25;
const IMPLIED_WEIGHT = 0.5;
/** Share of the question's terms the chosen unit (with its passage's heading) must contain. */
const MIN_COVERAGE = 0.5;
/** Share of the question's terms the heading alone must contain to answer with the section's first sentence. */
const HEADING_COVERAGE = 0.75;
/** A unit this short rarely stands alone ("Yes.", "Parking is available."): the next one completes it. */
const SHORT_UNIT = 40;

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
const stems = (text: string) => new Set(words(text).map((w) => stemWord(w)));

// The frame of a question ("how long does it take", "are you open on …", "i have a question about …") says what kind of fact is
// wanted (ASKS), not what it is about. Left in, "take" would meet "accepted" through the FAQ synonyms
// and "open" would make every sentence with hours in it equal; a question that is nothing but frame
// ("what are your opening hours") keeps its words.
const QUESTION_FRAME = /\bhow (?:long|much|many|soon|quickly|often|far|old)\b|\b(?:i have an? |i've got an? |got an? |quick )?questions? (?:about|regarding|on)\b|\b(?:tell me|what|how) about\b|\binformation (?:about|on)\b|\bask(?:ing)? about\b|\b(?:does|do|will|would) (?:it|that|this|they) take\b|\btake\s*\??$|\b(?:open|opens|opening|close|closes|closing|hours)\b/g;

function topicOf(question: string): string {
  const q = question.toLowerCase();
  const topic = q.replace(QUESTION_FRAME, " ");
  return faqTerms(topic).length > 0 ? topic : q;
}

export function questionAsks(question: string): Set<FactKind> {
  const q = question.toLowerCase();
  return new Set(ASKS.filter(([, re]) => re.test(q)).map(([kind]) => kind));
}

interface Scored {
  index: number;
  score: number;
  /** Question terms found in the unit itself. */
  direct: number;
  coverage: number;
  holdsAsked: boolean;
}

export function bestAnswerSentences(question: string, passage: { text: string; heading?: string }, opts: AnswerOptions = {}): string | null {
  const maxSentences = Math.max(1, opts.maxSentences ?? 2);
  const maxChars = Math.max(40, opts.maxChars ?? 240);
  const topic = topicOf(question);
  const queryTerms = [...new Set(faqTerms(topic))];
  if (queryTerms.length === 0) return null;
  const units = spokenUnits(passage.text);
  // A question in the document is answered by the unit after it; one with nothing after it in this
  // passage (its answer fell into the next chunk) has nothing to say.
  const candidates = units
    .map((u, index) => ({ u, index }))
    .filter(({ u, index }) => u.kind !== "heading" && !(u.text.endsWith("?") && (units[index + 1]?.kind ?? "heading") === "heading"));
  if (candidates.length === 0) return null;

  const asks = questionAsks(question);
  const implied = [...asks].flatMap((k) => (IMPLIED[k] && !queryTerms.includes(IMPLIED[k]) ? [IMPLIED[k]] : []));
  const unitTerms = units.map((u) => new Set(faqTerms(u.text)));
  const questionStems = [...new Set(words(topic).filter((w) => faqTerms(w).length > 0).map((w) => stemWord(w)))];
  // Heading lines inside the text and the passage's heading path set the context of every unit.
  const context = new Set([...faqTerms(passage.heading ?? ""), ...units.flatMap((u, i) => (u.kind === "heading" ? [...unitTerms[i]!] : []))]);
  const df = (t: string) => candidates.filter(({ index }) => unitTerms[index]!.has(t)).length;
  const weight = new Map([...queryTerms, ...implied].map((t) => [t, 1 + Math.log(candidates.length / Math.max(1, df(t)))]));

  const scored: Scored[] = candidates.map(({ u, index }) => {
    const terms = unitTerms[index]!;
    let score = 0;
    let direct = 0;
    let covered = 0;
    for (const t of queryTerms) {
      if (terms.has(t)) {
        score += weight.get(t)!;
        direct++;
      }
      if (terms.has(t) || context.has(t)) covered++;
    }
    for (const t of implied) if (terms.has(t)) score += IMPLIED_WEIGHT * weight.get(t)!;
    const own = stems(u.text);
    for (const w of questionStems) if (own.has(w)) score += SAME_WORD_BONUS;
    const holdsAsked = [...asks].some((k) => HOLDS[k].test(u.text));
    if (holdsAsked) score += FACT_BONUS;
    // A question in the document ("How much is parking?") is not the answer; the unit after it is.
    if (u.text.endsWith("?")) score *= 0.9;
    return { index, score, direct, coverage: covered / queryTerms.length, holdsAsked };
  });

  const limits = { maxSentences, maxChars };
  const best = scored
    .filter((s) => s.coverage >= MIN_COVERAGE && (s.direct > 0 || (s.holdsAsked && queryTerms.some((t) => context.has(t)))))
    .sort((a, b) => b.score - a.score || a.index - b.index)[0];
  if (best) return assemble(units, best.index, asks, limits);
  // No sentence names the topic, but the section is about it ("Braces and orthodontics": "Our
  // orthodontist visits every Thursday."): its opening sentence is the answer the author gave.
  const headingCoverage = queryTerms.filter((t) => context.has(t)).length / queryTerms.length;
  return headingCoverage >= HEADING_COVERAGE ? assemble(units, candidates[0]!.index, asks, limits) : null;
}

/** The best unit, completed by its neighbour when it needs one, within the limits, ready to speak. */
function assemble(units: SpokenUnit[], index: number, asks: Set<FactKind>, limits: Required<AnswerOptions>): string {
  const next = (i: number) => (i + 1 < units.length && units[i + 1]!.kind !== "heading" ? i + 1 : null);
  let start = index;
  // The document's own question: answer with what follows it.
  if (units[index]!.text.endsWith("?") && next(index) !== null) start = next(index)!;
  const parts = [start];
  const first = units[start]!;
  const prev = start > 0 ? units[start - 1]! : null;
  if (first.kind === "list" && prev && prev.kind !== "heading" && prev.text.endsWith(":")) parts.unshift(start - 1);
  const last = parts[parts.length - 1]!;
  const after = next(last);
  if (parts.length < limits.maxSentences && after !== null) {
    const text = units[last]!.text;
    const holds = [...asks].some((k) => HOLDS[k].test(text));
    const missingFact = asks.size > 0 && !holds && [...asks].some((k) => HOLDS[k].test(units[after]!.text));
    if (text.endsWith(":") || missingFact || (text.length < SHORT_UNIT && !holds)) parts.push(after);
  }
  let spoken = parts.map((i) => units[i]!.text);
  while (spoken.length > 1 && spoken.join(" ").length > limits.maxChars) spoken = spoken.slice(0, -1);
  return finish(spoken.join(" "), limits.maxChars);
}

/** Ends on a full stop, and a unit longer than the limit is cut at the last clause break that fits. */
function finish(text: string, maxChars: number): string {
  let out = text.trim();
  if (out.length > maxChars) {
    const window = out.slice(0, maxChars);
    const cut = Math.max(window.lastIndexOf("; "), window.lastIndexOf(", "), window.lastIndexOf(" – "), window.lastIndexOf(" - "));
    out = cut > maxChars * 0.4 ? window.slice(0, cut) : window.slice(0, window.lastIndexOf(" ") > 0 ? window.lastIndexOf(" ") : maxChars);
  }
  out = out.replace(/[\s,;:–-]+$/, "");
  return /[.!?]["')\]]*$/.test(out) ? out : `${out}.`;
}
