// Text measures for chunking: an approximate token count, sentence boundaries that survive
// abbreviations, and a cut of over-long text at word boundaries. Kept apart from chunk.ts so the
// packing rules there read on their own.

/**
 * One token per word (letters, marks and digits, with inner apostrophes, dots or commas: "don't",
 * "3.80", "e.g"), per punctuation mark or symbol (emoji included), and per CJK character (those
 * scripts write words without spaces, and BPE tokenizers spend about one token on each). On English
 * prose this lands within ~20% of OpenAI's cl100k count, which is all chunk sizing needs.
 */
const TOKEN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|[\p{L}\p{M}\p{N}]+(?:[.,'’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

export function countTokens(text: string): number {
  TOKEN.lastIndex = 0;
  let count = 0;
  while (TOKEN.exec(text)) count++;
  return count;
}

// A period after one of these does not end a sentence ("Dr. Lee", "e.g. Paris", "9 a.m. Monday").
// Missing a boundary only makes a piece longer; a false one cuts a thought in half, so the list
// leans towards not splitting.
const ABBREVIATIONS = new Set(
  ("mr mrs ms dr prof sr jr st mt ave rd blvd vs etc e.g i.e cf approx appt dept est fig inc ltd co corp " +
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun " +
    "tel ext min max vol ca al gen col lt sgt capt gov sen rep hon rev u.s u.k a.m p.m ph.d no nos p pp").split(" "),
);
// These are abbreviations only before a number ("No. 5", "p. 12"); "I said no. Then…" ends a sentence.
const BEFORE_NUMBER = new Set(["no", "nos", "p", "pp"]);

// Sentence end: terminal punctuation (+ closing quotes/brackets) then space, a CJK full stop, or a line break.
const BOUNDARY = /([.!?…]+)["'”’)\]]*\s+(?=\S)|[。！？]+["'”’」』）)]*\s*|\n+/g;

function isFalseBoundary(text: string, at: number, punct: string, next: string): boolean {
  if (/^\p{Ll}/u.test(next)) return true; // "approx. three", "etc. and"
  if (punct !== ".") return false;
  const word = text.slice(text.lastIndexOf(" ", at - 1) + 1, at).replace(/^[("'“‘[]+/, "").toLowerCase();
  if (/^\p{L}$/u.test(word)) return true; // an initial: "J. Smith"
  if (!ABBREVIATIONS.has(word)) return false;
  return !BEFORE_NUMBER.has(word) || /^\d/.test(next);
}

/** Sentences of a paragraph, trimmed, in order; their concatenation holds every word of the input. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
    const end = match.index + match[0].length;
    if (match[1] && isFalseBoundary(text, match.index, match[1], text.charAt(end))) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/**
 * Cuts text into pieces of at most `size` tokens, only before a word (never inside one, never
 * before punctuation, so "costs $80." stays together when it can).
 */
export function splitByTokens(text: string, size: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let inPiece = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    if (inPiece >= size && /^[\p{L}\p{M}\p{N}]/u.test(match[0]) && match.index > start) {
      pieces.push(text.slice(start, match.index).trim());
      start = match.index;
      inPiece = 0;
    }
    inPiece++;
  }
  const rest = text.slice(start).trim();
  if (rest) pieces.push(rest);
  return pieces.filter(Boolean);
}
