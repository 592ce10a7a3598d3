// Answers that come straight from the agent's configuration and knowledge: hours, address, services,
// FAQ, the sentence of a document that answers. Nothing here invents a fact; when there is no data the
// answer says so.
import { bestAnswerSentences } from "../../../knowledge/answer-sentence";
import { rankFaq, type FaqEntry, type FaqMatch } from "../../../knowledge/faq-search";
import type { AgentProfile } from "../types";
import type { HoursQuery } from "./intents";
import { closingSentence, dayAfter, dayHoursSentence, localNow, nextOpening, openNowSentence, weekHoursSentence } from "./spoken-time";

export function hoursAnswer(profile: AgentProfile, q: HoursQuery, now: Date, afterHours: boolean): string {
  const hours = profile.businessHours;
  const n = localNow(now, profile.timezone);
  switch (q.kind) {
    case "days":
      return q.days.map((day) => dayHoursSentence(hours, day, day === n.day ? { kind: "today" } : { kind: "weekday", day })).join(" ");
    case "tomorrow":
      return dayHoursSentence(hours, dayAfter(n), { kind: "tomorrow" });
    case "today": {
      const today = dayHoursSentence(hours, n.day, { kind: "today" });
      if (hours[n.day].length === 0) {
        const next = nextOpening(hours, n);
        return next ? `${today} ${openNowSentence(hours, n).replace(/^We're closed right now; we/, "We")}` : today;
      }
      return afterHours ? `${today} ${openNowSentence(hours, n)}` : today;
    }
    case "now":
    case "opening":
      return openNowSentence(hours, n);
    case "closing":
      return closingSentence(hours, n);
    case "week":
      return afterHours ? `${weekHoursSentence(hours)} ${openNowSentence(hours, n)}` : weekHoursSentence(hours);
    case "holiday":
      // The agent's hours are a week; what a holiday changes is only known from its FAQ (checked first).
      return `I don't have our hours for ${q.name} on hand, so please check with the team. Our regular hours: ${weekHoursSentence(hours)}`;
  }
}

export function addressAnswer(profile: AgentProfile): string | null {
  // The address as written may already end its sentence ("… Free parking is behind the building.").
  return profile.address ? `We're located at ${profile.address.trim().replace(/[.\s]+$/, "")}.` : null;
}

export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")}, and ${items[items.length - 1]}`;
}

export function servicesAnswer(profile: AgentProfile): string | null {
  return profile.services.length > 0 ? `We offer ${listPhrase(profile.services)}.` : null;
}

// How sure an FAQ match must be. Strong: nearly every word of the question and of the FAQ matched,
// enough to answer before looking at intents ("are you open on holidays" beats the hours intent).
// Weak: enough to answer when nothing else claimed the utterance.
const STRONG = { query: 0.75, question: 0.6 };
const WEAK = { query: 0.5, question: 0.34 };
// An FAQ whose question is only these words does not beat the computed hours or address answers.
const GENERIC_TERMS = new Set(["hour", "weekend", "address", "time", "day"]);

export type FaqConfidence = "strong" | "weak";

export function bestFaq(entries: readonly FaqEntry[], query: string): { match: FaqMatch; confidence: FaqConfidence } | null {
  const best = rankFaq(entries, query)[0];
  if (!best) return null;
  if (best.queryCoverage >= STRONG.query && best.questionCoverage >= STRONG.question) return { match: best, confidence: "strong" };
  if (best.queryCoverage >= WEAK.query && best.questionCoverage >= WEAK.question) return { match: best, confidence: "weak" };
  return null;
}

/** Whether a strong FAQ match is only about what the hours/address intents already answer from data. */
export function isGenericFaq(match: FaqMatch, terms: (text: string) => string[]): boolean {
  return terms(match.entry.question).every((t) => GENERIC_TERMS.has(t));
}

interface SearchResult {
  text: string;
  source: "faq" | "document";
  title?: string;
  heading?: string;
}

/** The search_knowledge tool's results, read defensively (a tool result is data from outside). */
export function searchResults(data: Record<string, unknown> | undefined): SearchResult[] {
  const results = Array.isArray(data?.results) ? (data.results as unknown[]) : [];
  return results.flatMap((r) => {
    if (typeof r !== "object" || r === null) return [];
    const { text, title, source, heading } = r as { text?: unknown; title?: unknown; source?: unknown; heading?: unknown };
    if (typeof text !== "string" || text.trim() === "") return [];
    return [
      {
        text,
        // Results without a source are FAQ-like: an answer to be said whole.
        source: source === "document" ? "document" : "faq",
        ...(typeof title === "string" && title ? { title } : {}),
        ...(typeof heading === "string" && heading ? { heading } : {}),
      },
    ];
  });
}

/** FAQ results as entries, so one confidence rule covers the profile's FAQ and searched ones. */
export function resultsAsEntries(data: Record<string, unknown> | undefined): FaqEntry[] {
  return searchResults(data)
    .filter((r) => r.source === "faq")
    .map((r) => ({ question: r.title ?? r.text, answer: r.text }));
}

/** The best FAQ result for the caller's question, if it covers enough of it. */
export function bestSearchResult(entries: readonly FaqEntry[], query: string): FaqEntry | null {
  const best = rankFaq(entries, query)[0];
  return best && best.queryCoverage >= WEAK.query ? best.entry : null;
}

/**
 * What to say from a knowledge search: a confident FAQ answer (the business wrote it to be said), else
 * the sentence of the best-ranked document passage that answers the question, else null (not sure).
 */
export function knowledgeAnswer(data: Record<string, unknown> | undefined, query: string): string | null {
  const faq = bestSearchResult(resultsAsEntries(data), query);
  if (faq) return faq.answer;
  for (const r of searchResults(data)) {
    if (r.source !== "document") continue;
    const heading = [r.title, r.heading].filter(Boolean).join(" › ");
    const sentence = bestAnswerSentences(query, { text: r.text, heading });
    if (sentence) return spokenTableRow(sentence) ?? sentence;
  }
  return null;
}

// A spreadsheet row as documents store it (lib/knowledge/extract/csv.ts): "Header: value; Header: value".
const ROW_PAIR = /^([^:;]{1,40}): (.+)$/;
const NOTE_COLUMN = /^(notes?|comments?|description|details|remarks?|info)$/i;

/**
 * A table row said the way a receptionist would read it: the first column names the thing, the others
 * follow as "header, value", note-like columns as sentences of their own. "Treatment: Teeth whitening;
 * Price: $399; Notes: One 90-minute visit." → "Teeth whitening: price, $399. One 90-minute visit."
 * Null when the text is not such a row (prose with a colon in it stays as written).
 */
export function spokenTableRow(text: string): string | null {
  const parts = text.trim().replace(/\.$/, "").split("; ");
  if (parts.length < 2) return null;
  const facts: string[] = [];
  const notes: string[] = [];
  for (const part of parts.slice(1)) {
    const m = ROW_PAIR.exec(part);
    if (!m) return null;
    const [header, value] = [m[1]!.trim(), m[2]!.trim()];
    if (NOTE_COLUMN.test(header)) notes.push(value.replace(/[.\s]*$/, "."));
    else facts.push(`${header === header.toUpperCase() ? header : header[0]!.toLowerCase() + header.slice(1)}, ${value}`);
  }
  const subject = ROW_PAIR.exec(parts[0]!)?.[2]!.trim();
  if (!subject) return null;
  return [facts.length > 0 ? `${subject}: ${facts.join("; ")}.` : `${subject}.`, ...notes].join(" ");
}
