// What callers ask about an agent's knowledge, as the local recogniser's grammar wants it: lower-case
// words, numbers spelled out, one whole utterance per phrase (its grammar matches an utterance to ONE
// phrase, anything else falls into its garbage loop). Pure, so the phrase rules are unit-tested.
//
// A word missing from the recogniser's dictionary is dropped from its phrase (sphinx-stt.ts derives
// contractions and compounds, nothing else), so phrases stay short and made of plain words. Acronyms
// are said letter by letter ("SKU" → "s k u", as the grammar spells "9am" "nine a m"); a topic with a
// word no one can pronounce otherwise (no vowel: "pdq") is left out rather than sent half-formed.
import { normalizePhrase } from "../providers/speech/local/grammar";
import { COMMON_WORDS } from "./vocabulary-terms";

/** The grammar's size drives decoding cost; the responder's own phrases come on top of these. */
export const MAX_KNOWLEDGE_PHRASES = 300;
export const MAX_PHRASE_WORDS = 8;
// A heading longer than this is a sentence, not a topic a caller names.
const MAX_TOPIC_WORDS = 5;

export interface KnowledgePhraseInput {
  /** Heading paths as stored on chunks ("Returns › Damaged items"). */
  headings: string[];
  faqQuestions: string[];
  /** Frequent distinctive words of the documents (vocabulary-terms.ts). */
  terms: string[];
}

// Topic forms ("what about parking") and the question shapes callers use most ("how much is parking",
// "do you have parking"): a grammar recogniser only returns whole phrases it was given.
const TOPIC_TEMPLATES = [
  "{t}",
  "what about {t}",
  "tell me about {t}",
  "i have a question about {t}",
  "what is {t}",
  "how much is {t}",
  "how much does {t} cost",
  "where is {t}",
  "do you have {t}",
];
const TERM_TEMPLATES = ["{t}", "tell me about {t}", "how much is {t}", "do you have {t}"];
// Openings that make a written question longer without changing what is asked.
const LEAD_INS = /^(?:(?:hi|hello|please|so|um|uh)\s+)*(?:can you tell me|could you tell me|i would like to know|i'd like to know|i want to know)\s+/;

const speakable = (words: string[]) => words.length > 0 && words.every((w) => w.length === 1 || /[aeiouy]/.test(w));

/** "SKU list" → "s k u list": callers spell acronyms. */
const spellAcronyms = (text: string) => text.replace(/\b[A-Z]{2,5}s?\b/g, (a) => ` ${a.replace(/s$/, "").split("").join(" ")} `);

/** "1.2 Returns:" → "returns"; section numbers and labels are not what callers say. */
function topicWords(segment: string): string[] | null {
  const cleaned = segment
    .replace(/^\s*(?:chapter|section|part|appendix)\s+[\w.]+\s*[:.\-–—]?\s*/i, "")
    .replace(/^\s*[\d.]+\)?\s+/, "")
    .replace(/\([^)]*\)/g, " ");
  const words = normalizePhrase(spellAcronyms(cleaned));
  if (!speakable(words) || words.length > MAX_TOPIC_WORDS) return null;
  // A topic of common words only ("Overview", "More information") says nothing about this business.
  if (words.every((w) => COMMON_WORDS.has(w))) return null;
  return words;
}

/** A FAQ question as spoken: lower case, digits as words, no punctuation, lead-ins dropped. */
export function spokenQuestion(question: string): string[] | null {
  const words = normalizePhrase(spellAcronyms(question)).join(" ").replace(LEAD_INS, "").split(" ").filter(Boolean);
  return words.length > 0 && words.length <= MAX_PHRASE_WORDS ? words : null;
}

export function buildKnowledgePhrases(input: KnowledgePhraseInput): string[] {
  const out = new Set<string>();
  const add = (words: string[] | null) => {
    if (words && words.length <= MAX_PHRASE_WORDS && out.size < MAX_KNOWLEDGE_PHRASES) out.add(words.join(" "));
  };
  const fill = (templates: string[], topic: string[]) => {
    for (const t of templates) add(t.split(" ").flatMap((w) => (w === "{t}" ? topic : [w])));
  };

  // FAQ questions first: they are already what callers ask.
  for (const q of input.faqQuestions) add(spokenQuestion(q));
  // Then the deepest heading of each path (the specific topic), then the sections above it.
  const paths = input.headings.map((h) => h.split("›").map((s) => s.trim()).filter(Boolean));
  const depth = Math.max(0, ...paths.map((p) => p.length));
  const seenTopics = new Set<string>();
  for (let level = 0; level < depth; level++) {
    for (const path of paths) {
      const segment = path[path.length - 1 - level];
      const topic = segment === undefined ? null : topicWords(segment);
      if (!topic || seenTopics.has(topic.join(" "))) continue;
      seenTopics.add(topic.join(" "));
      fill(TOPIC_TEMPLATES, topic);
    }
  }
  for (const term of input.terms) {
    const words = normalizePhrase(term);
    if (speakable(words) && !seenTopics.has(words.join(" "))) fill(TERM_TEMPLATES, words);
  }
  return [...out];
}
