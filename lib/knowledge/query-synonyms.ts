// Callers and the documents they ask about rarely use the same words: "how much" vs "price", "leave
// my car" vs "parking", "who runs it" vs "manager". A question's word that belongs to one of these
// groups also matches the group's other words (as alternatives of the same term, so a chunk saying
// "price" covers the caller's "cost" once, not twice). English only: other languages' questions are
// searched as asked. The groups are the phone-call vocabulary of small businesses, like the FAQ
// ranker's (faq-search.ts), written as plain words: the database stems them with the query.
import { stemWord } from "./faq-search";

const GROUPS: string[][] = [
  ["price", "cost", "charge", "fee", "rate", "pricing", "quote", "expensive", "cheap"],
  ["parking", "park", "car", "garage"],
  ["hours", "open", "opening", "close", "closing", "closed"],
  ["address", "location", "located", "directions", "street"],
  ["appointment", "booking", "book", "reservation", "reserve", "schedule"],
  ["cancel", "cancellation", "reschedule"],
  ["pay", "payment", "card", "credit", "cash", "debit"],
  ["refund", "return", "exchange", "money"],
  ["manager", "manage", "managed", "runs", "run", "owner", "head"],
  ["discount", "deal", "offer", "rewards", "loyalty", "member", "membership"],
  ["emergency", "urgent", "after-hours"],
  ["gift", "certificate", "voucher"],
  ["pet", "pets", "dog", "cat", "animal"],
  ["accessible", "wheelchair", "accessibility", "disabled", "ramp"],
  ["language", "languages", "speak", "spoken"],
  ["deliver", "delivery", "ship", "shipping"],
  ["insurance", "insured", "coverage"],
  ["staff", "team", "employee", "employees"],
  ["child", "children", "kid", "kids"],
  ["weekend", "saturday", "sunday"],
  ["holiday", "holidays", "christmas", "thanksgiving"],
];

// Phrases that give a word another meaning: the caller asking who is "in charge" wants the manager.
const PHRASES: [RegExp, string[]][] = [[/\bin charge\b/, ["charge", "manager", "manage", "managed", "owner"]]];

const GROUPS_BY_WORD = new Map<string, number[]>();
for (const [g, words] of GROUPS.entries()) {
  for (const w of words) for (const k of new Set([w, stemWord(w)])) GROUPS_BY_WORD.set(k, [...(GROUPS_BY_WORD.get(k) ?? []), g]);
}

/**
 * The synonym words a question may be expanded with, each with the group it belongs to (a word may
 * belong to several). Empty for non-English questions.
 */
export function synonymCandidates(question: string, tsConfig: string): { word: string; group: number }[] {
  if (tsConfig !== "english") return [];
  const lower = question.toLowerCase();
  const out: { word: string; group: number }[] = [];
  // A phrase decides its word's meaning: "in charge" is not a price.
  const taken = new Set<string>();
  PHRASES.forEach(([re, words], i) => {
    if (!re.test(lower)) return;
    taken.add(words[0]!);
    for (const word of words) out.push({ word, group: GROUPS.length + i });
  });
  const groups = new Set<number>();
  for (const raw of lower.match(/[a-z]+(?:-[a-z]+)*/g) ?? []) {
    if (taken.has(raw)) continue;
    for (const g of GROUPS_BY_WORD.get(raw) ?? GROUPS_BY_WORD.get(stemWord(raw)) ?? []) groups.add(g);
  }
  for (const group of groups) for (const word of GROUPS[group]!) out.push({ word, group });
  return out;
}
