// Answers that come straight from the agent's configuration: hours, address, services, FAQ. Nothing
// here invents a fact; when the profile has no data the answer says so.
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
  }
}

export function addressAnswer(profile: AgentProfile): string | null {
  return profile.address ? `We're located at ${profile.address}.` : null;
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

/** Knowledge-search results as FAQ-like entries, so one confidence rule covers both. */
export function resultsAsEntries(data: Record<string, unknown> | undefined): FaqEntry[] {
  const results = Array.isArray(data?.results) ? (data.results as unknown[]) : [];
  return results.flatMap((r) => {
    if (typeof r !== "object" || r === null) return [];
    const { text, title } = r as { text?: unknown; title?: unknown };
    if (typeof text !== "string" || text.trim() === "") return [];
    return [{ question: typeof title === "string" && title ? title : text, answer: text }];
  });
}

/** The best knowledge-search result for the caller's question, if it covers enough of it. */
export function bestSearchResult(entries: readonly FaqEntry[], query: string): FaqEntry | null {
  const best = rankFaq(entries, query)[0];
  return best && best.queryCoverage >= WEAK.query ? best.entry : null;
}
