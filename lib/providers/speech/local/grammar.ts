// Pure text work for the local recogniser's grammar: caller phrases → normalised word sequences →
// JSGF text. The recogniser only hears what the grammar allows, so the grammar holds the agent's
// phrases plus built-in intents (greetings, yes/no, digits, goodbye, a human), optional fillers
// between phrases, and a low-weight "garbage" loop of common words: out-of-grammar speech lands there
// instead of being forced onto the nearest phrase, and a garbage win means "did not understand".
// Every word that reaches the JSGF text matches /^[a-z][a-z']*$/, so no input can break its syntax.
import type { AnswerKind } from "../types";

const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** How a number is said: up to 9999 as a quantity ("twenty five"), longer as digits ("five five five …"). */
export function numberWords(digits: string): string[] {
  const n = Number(digits);
  if (digits.length > 4 || (digits.length > 1 && digits.startsWith("0"))) return [...digits].map((d) => ONES[Number(d)]!);
  if (n < 10) return [ONES[n]!];
  if (n < 20) return [TEENS[n - 10]!];
  if (n < 100) return n % 10 ? [TENS[Math.floor(n / 10)]!, ONES[n % 10]!] : [TENS[n / 10]!];
  if (n < 1000) return [ONES[Math.floor(n / 100)]!, "hundred", ...(n % 100 ? numberWords(String(n % 100)) : [])];
  // Years and times read as pairs ("nineteen ninety", "twenty twenty four") sound more natural, but
  // "two thousand …" is what callers say for quantities; keep one reading.
  return [ONES[Math.floor(n / 1000)]!, "thousand", ...(n % 1000 ? numberWords(String(n % 1000)) : [])];
}

const SYMBOLS: Record<string, string> = { "&": " and ", "%": " percent ", "@": " at ", "+": " plus ", "=": " equals " };

/** One phrase → lower-case words ("Open 9am–5pm?" → ["open", "nine", "a", "m", "five", "p", "m"]). */
export function normalizePhrase(text: string): string[] {
  let s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents: café → cafe
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[&%@+=]/g, (c) => SYMBOLS[c]!)
    .replace(/(\d+):(\d\d)\b/g, (_, h: string, m: string) => (m === "00" ? `${h} o'clock` : `${h} ${m}`))
    // "9am", "5 p.m.": said as letters, but only after a number ("i am" stays "i am").
    .replace(/(\d)\s*([ap])\.?m\b\.?/g, "$1 $2 m")
    .replace(/(\d)([a-z])/g, "$1 $2")
    .replace(/([a-z])(\d)/g, "$1 $2");
  s = s.replace(/\d+/g, (d) => ` ${numberWords(d).join(" ")} `);
  return s
    .split(/[^a-z']+/)
    .map((w) => w.replace(/^'+|'+$/g, "").replace(/'{2,}/g, "'"))
    .filter((w) => /^[a-z][a-z']*$/.test(w));
}

export const FILLERS = ["uh", "um", "hmm", "er"];

// Intents every agent's callers use, whatever its configuration.
export const BUILT_IN_PHRASES: Record<string, string[]> = {
  greeting: ["hello", "hi", "hey", "hi there", "hello there", "good morning", "good afternoon", "good evening"],
  yesNo: [
    "yes", "yeah", "yep", "yes please", "sure", "okay", "correct", "that's right", "that's correct", "right",
    "no", "nope", "no thanks", "no thank you", "not really",
  ],
  human: [
    "talk to a human", "speak to a human", "talk to a person", "speak to a person", "talk to someone", "speak to someone",
    "a real person", "operator", "representative", "can i talk to a human", "can i speak to someone", "transfer me",
  ],
  goodbye: ["goodbye", "bye", "bye bye", "thank you", "thanks", "thank you bye", "that's all", "that's it", "have a nice day"],
};

// The garbage loop's vocabulary: frequent English words, so that any sentence can be approximated by it.
export const GARBAGE_WORDS = [
  "a", "the", "to", "and", "of", "is", "it", "that", "you", "i", "for", "on", "with", "we", "my", "have", "do", "what",
  "can", "this", "be", "are", "not", "so", "but", "in", "at", "me", "your", "was", "get", "like", "want", "know", "just",
  "about", "go", "how", "if", "there", "out", "they", "up", "no", "he", "she", "will", "would", "could", "when", "where",
  "why", "who", "did", "does", "make", "take", "some", "time", "day", "new", "good", "think", "see", "come", "look", "need",
  "tell", "call", "work", "way", "well", "back", "because", "any", "people", "thing", "very", "much", "too", "here",
];

/** Garbage words get their own dictionary entries under this prefix, so a garbage win is unmistakable. */
export const GARBAGE_PREFIX = "zzgarbage";

/**
 * A word no caller says (a long, implausible phone string): the garbage loop pays for every word by
 * choosing between it and an empty path weighted `garbageWordWeight`. A weight on the loop's entry
 * alone was not enough (measured: the loop won in-grammar sentences too); a per-word cost is.
 */
export const PENALTY_WORD: [string, string] = ["zzpenalty", "ZH OY ZH OY ZH OY ZH OY ZH OY ZH OY"];

export interface GrammarOptions {
  /** Letters a to z as a loop (callers spelling a name or an email). Off by default: it invites confusion. */
  spelling?: boolean;
  /**
   * Probability weight each garbage word pays. 1e-10 measured on synthetic speech: in-grammar sentences
   * decode word for word, out-of-grammar ones fall into the garbage; 1e-4 lets garbage win everything,
   * 1e-15 lets out-of-grammar speech be forced onto phrases.
   */
  garbageWordWeight?: number;
}

/** Normalised, de-duplicated word sequences: the agent's phrases, then the built-in intents. */
export function grammarPhrases(phrases: readonly string[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const p of [...phrases, ...Object.values(BUILT_IN_PHRASES).flat()]) {
    const words = normalizePhrase(p).slice(0, 40);
    const key = words.join(" ");
    if (!words.length || seen.has(key)) continue;
    seen.add(key);
    out.push(words);
  }
  return out;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz".split("");

/** Every word the grammar uses (for the dictionary check before it is compiled). */
export function grammarWords(phrases: readonly string[][], opts: GrammarOptions = {}): string[] {
  const words = new Set<string>([...phrases.flat(), ...ONES, "oh", "double", ...FILLERS]);
  if (opts.spelling) for (const l of LETTERS) words.add(l);
  return [...words];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** A phrase ends here. */
  end: boolean;
  /** Phrases that end here or below. */
  phrases: number;
}

/**
 * The phrases as one prefix tree: "what time do you open" and "what time do you close" share their
 * first four words instead of being two paths the recogniser follows side by side. The language is the
 * same and so is each phrase's prior (a branch weighs as many phrases as it leads to), but the search
 * keeps far fewer word models alive at once: with a few hundred phrases most began with the same
 * dozen words, and the flat list was most of the recogniser's CPU (`npm run bench:stt`).
 */
export function phraseTree(phrases: readonly string[][]): string {
  const root: TrieNode = { next: new Map(), end: false, phrases: 0 };
  for (const words of phrases) {
    let node = root;
    node.phrases++;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = { next: new Map(), end: false, phrases: 0 }));
      child.phrases++;
      node = child;
    }
    node.end = true;
  }
  return expand(root);
}

/** What may follow `node`: nothing ("" at a leaf), one word chain, or weighted alternatives. */
function expand(node: TrieNode): string {
  const options = [...node.next].map(([word, child]) => ({ weight: child.phrases, text: `${word} ${expand(child)}`.trim() }));
  if (node.end && options.length > 0) options.unshift({ weight: node.phrases - options.reduce((n, o) => n + o.weight, 0), text: "<NULL>" });
  if (options.length === 0) return "";
  if (options.length === 1) return options[0]!.text;
  return `( ${options.map((o) => `/${o.weight}/ ${o.text}`).join(" | ")} )`;
}

/** Phrases after which callers say their number in the same breath. */
const NUMBER_INTRO = /(?:number is|reach me at|call me at|call me back at|call me on)$/;

/**
 * The JSGF text for already-normalised phrases whose words are all pronounceable. An utterance is one
 * phrase (optionally after a greeting) or a digit run, with optional fillers around it, or garbage.
 * Sequences of phrases are not allowed: the measured loop version turned "five" into "bye".
 * `answer` "open" (the agent did not ask for a number) leaves the bare digit run out: short answers
 * were heard as digits ("no" as "two oh", "hello" as "oh"); a number introduced as one ("my number is
 * …") still comes through.
 */
export function buildJsgf(phrases: readonly string[][], opts: GrammarOptions = {}, answer: AnswerKind = "number"): string {
  const weight = opts.garbageWordWeight ?? 1e-10;
  const greetings = BUILT_IN_PHRASES.greeting!.map((g) => normalizePhrase(g).join(" "));
  // "my number is five five five …": a phrase that introduces a number may run on into one.
  const intros = phrases.map((p) => p.join(" ")).filter((p) => NUMBER_INTRO.test(p));
  const bareDigits = answer === "number";
  const items = ["[<greeting>] <phrase>", ...(intros.length ? ["<intro> <digits>"] : []), ...(bareDigits ? ["<digits>"] : []), ...(opts.spelling ? ["<letters>"] : [])];
  const lines = [
    "#JSGF V1.0;",
    "grammar frontdesk;",
    "public <utterance> = <turn> | <garbage>;",
    "<turn> = [<filler>] <item> [<filler>];",
    `<item> = ${items.join(" | ")};`,
    `<greeting> = ${greetings.join(" | ")};`,
    `<phrase> = ${phraseTree(phrases) || "hello"};`,
    ...(intros.length ? [`<intro> = ${intros.join(" | ")};`] : []),
    ...(bareDigits || intros.length ? [`<digits> = (<digit> | double <digit>)+;`, `<digit> = ${[...ONES, "oh"].join(" | ")};`] : []),
    `<filler> = ${FILLERS.join(" | ")};`,
    `<garbage> = ((${GARBAGE_WORDS.map((w) => GARBAGE_PREFIX + w).join(" | ")}) <cost>)+;`,
    `<cost> = /${weight}/ <NULL> | /1/ ${PENALTY_WORD[0]};`,
  ];
  if (opts.spelling) lines.push(`<letters> = (${LETTERS.join(" | ")})+;`);
  return lines.join("\n") + "\n";
}
