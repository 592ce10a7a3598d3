// Adaptive end-of-turn wait: how long the caller must stay silent before their turn counts as
// finished, judged from what they have said so far (the latest STT partial).
//
// Measured from the VAD's speech-end: the end of the last voiced frame before the silence, not
// from when the STT partial or final arrives (STT lags the audio by a variable amount). If the
// caller speaks again before the wait runs out, the timer is dropped and re-armed at the next
// speech-end; if a newer partial arrives during the wait, the engine re-asks this policy and keeps
// the same speech-end as the origin. Works on unpunctuated text (local STT gives no punctuation):
// questions are recognised by their form, not only by "?".
export interface EndpointOptions {
  /** After a finished question or sentence. */
  shortMs?: number;
  /** When nothing says either way. */
  defaultMs?: number;
  /** After a filler, a dangling word, a number or email being dictated. */
  longMs?: number;
  /** Bounds applied to the result (min first, then max). */
  minMs?: number;
  maxMs?: number;
  /**
   * Whole sentences callers of this agent are expected to say (lower-case words, as a grammar
   * recogniser returns them). A hypothesis that is one of them is a finished thought even without
   * punctuation ("i'd like to leave a message"), so it gets the short wait, unless it ends dangling.
   */
  expectedSentences?: ReadonlySet<string>;
}

export type EndpointReason = "question" | "sentence" | "closing" | "filler" | "dangling" | "digits" | "spelling" | "default";

const words = (s: string) => s.split(" ").filter(Boolean);
const FILLERS = new Set(words("uh um uhm umm er erm ah hmm mm mhm like"));
const FILLER_PAIRS = new Set(["you know", "i mean", "kind of", "sort of"]);
// Never end a thought, whatever punctuation the STT added.
const HARD_DANGLING = new Set(words("and or but because cause the a an my your our their its i'm i'd i'll i've we're it's that's there's let's very than if whether"));
// Usually unfinished, but a finished question may end on them ("What are you looking for?").
const SOFT_DANGLING = new Set(words("for to of in on at with from about by into onto so then is are was were am be will would can could should have has had when where that which this these those his her i we"));
const DIGIT_WEIGHT: Record<string, number> = {
  zero: 1, oh: 1, o: 1, one: 1, two: 1, three: 1, four: 1, five: 1, six: 1, seven: 1, eight: 1, nine: 1,
  double: 1, triple: 2, ten: 2, eleven: 2, twelve: 2, thirteen: 2, fourteen: 2, fifteen: 2, sixteen: 2,
  seventeen: 2, eighteen: 2, nineteen: 2, twenty: 2, thirty: 2, forty: 2, fifty: 2, sixty: 2, seventy: 2,
  eighty: 2, ninety: 2, hundred: 2, thousand: 3,
};
const TENS = new Set(words("twenty thirty forty fifty sixty seventy eighty ninety"));
const NUMBER_CONTEXT = new Set(words("number phone cell mobile extension ext zip postal code account digits callback"));
const EMAIL_WORDS = new Set(words("dot at underscore dash hyphen"));
const TLDS = new Set(words("com org net edu gov io co uk us ca de info biz"));
const QUESTION_START = new Set(
  words("what what's whats when where where's who who's whom whose why how how's which do does did is are was were can could will would should may might have has shall am isn't aren't don't doesn't didn't can't won't wouldn't couldn't"),
);
const LEAD_INS = new Set(words("uh um so and but well okay ok oh hi hello hey yeah yes also actually sorry right alright"));
const CLOSINGS = new Set(["thank you", "thanks", "bye", "goodbye", "that's all", "that's it", "thanks bye"]);
// A goodbye at the end closes whatever came before it ("thank you goodbye", "ok thanks bye").
const CLOSING_ENDS = new Set(["bye", "goodbye", "thanks"]);

/** The silence (ms after the VAD speech-end) after which the caller's turn is over. */
export function endpointDelayMs(partialTranscript: string, opts: EndpointOptions = {}): number {
  return endpointDecision(partialTranscript, opts).delayMs;
}

export function endpointDecision(partialTranscript: string, opts: EndpointOptions = {}): { delayMs: number; reason: EndpointReason } {
  const { shortMs = 300, defaultMs = 700, longMs = 1400, minMs = 150, maxMs = 3000 } = opts;
  const reason = classify(partialTranscript, opts.expectedSentences);
  const base = reason === "default" ? defaultMs : reason === "question" || reason === "sentence" || reason === "closing" ? shortMs : longMs;
  return { delayMs: Math.min(Math.max(base, minMs), maxMs), reason };
}

function classify(raw: string, expected?: ReadonlySet<string>): EndpointReason {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\b\d{1,2}:\d{2}\b/g, " clock ") // "10:30" is a time, not a dictated digit run
    .replace(/[$€£]\s?\d[\d,]*(\.\d+)?/g, " amount ") // "$1,200" is a price, not a number being dictated
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/\b\d+\.\d+\b/g, " decimal ");
  const tokens = text.match(/[\p{L}\p{N}'@.]+/gu)?.map((t) => t.replace(/^[.']+|[.']+$/g, "")).filter(Boolean) ?? [];
  if (tokens.length === 0) return "default";
  const last = tokens.at(-1) ?? "";
  const lastTwo = tokens.slice(-2).join(" ");
  const end = text.replace(/["')\]\s]+$/, "").slice(-1);

  if (FILLERS.has(last) || FILLER_PAIRS.has(lastTwo)) return "filler";
  if (/[,;:\-–—]/.test(end) || /(\.\.|…)$/.test(text.replace(/\s+$/, ""))) return "dangling";
  if (isDictatingDigits(tokens)) return "digits";
  if (isSpellingEmail(tokens)) return "spelling";
  if (HARD_DANGLING.has(last)) return "dangling";
  if (end === "?") return "question";
  if (end === "." || end === "!") return "sentence";
  if (SOFT_DANGLING.has(last)) return "dangling";
  if (CLOSINGS.has(tokens.join(" ")) || CLOSINGS.has(lastTwo) || CLOSING_ENDS.has(last)) return "closing";
  if (expected && expected.has(tokens.slice(tokens.findIndex((t) => !FILLERS.has(t))).join(" "))) return "sentence"; // "um, i'd like…"
  const first = tokens.find((t) => !LEAD_INS.has(t));
  const rest = first ? tokens.length - tokens.indexOf(first) : 0;
  return first && QUESTION_START.has(first) && rest >= 3 ? "question" : "default";
}

/** A trailing run of digits (numerals or digit words) that looks like a number still being dictated. */
function isDictatingDigits(tokens: string[]): boolean {
  let digits = 0;
  let count = 0;
  let i = tokens.length - 1;
  for (; i >= 0; i--) {
    const t = tokens[i] ?? "";
    const weight = DIGIT_WEIGHT[t];
    if (/^\d+$/.test(t)) digits += t.length;
    else if (weight === undefined) break;
    else digits += TENS.has(t) && count > 0 && DIGIT_WEIGHT[tokens[i + 1] ?? ""] === 1 ? 1 : weight; // "twenty three" is 2
    count++;
  }
  if (count === 0 || digits >= 10) return false;
  const before = tokens.slice(Math.max(0, i - 3), i + 1);
  const context = before.some((t) => NUMBER_CONTEXT.has(t));
  const single = tokens.at(-1) ?? "";
  const yearLike = count === 1 && /^(19|20)\d\d$/.test(single);
  const bareWord = count === 1 && !/\d/.test(single); // "the blue one", "oh"
  if (context) return true;
  return !bareWord && !yearLike && (count >= 2 || digits >= 3);
}

/** An email (or name) being spelled out: "john dot smith at", "j o h n", "john.smith@gmail". */
function isSpellingEmail(tokens: string[]): boolean {
  const last = tokens.at(-1) ?? "";
  if (last.includes("@")) return !TLDS.has(last.split(".").pop() ?? "") || !last.includes(".");
  const recent = tokens.slice(-8);
  if (EMAIL_WORDS.has(last) && recent.includes("dot")) return true;
  if (last === "dot" || last === "underscore") return true;
  if (recent.includes("dot") && recent.includes("at")) return !TLDS.has(last);
  const letters = tokens.slice(-3).filter((t) => /^\p{L}$/u.test(t) && t !== "a" && t !== "i");
  return letters.length >= 2 && /^\p{L}$/u.test(last);
}
