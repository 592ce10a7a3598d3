// Text measures for chunking: an approximate token count, sentence boundaries that survive
// abbreviations (lib/text/sentences.ts, shared with the spoken units), and a cut of over-long text at
// word boundaries. Kept apart from chunk.ts so the packing rules there read on their own.

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

// Sentences of a paragraph: lib/text/sentences.ts owns where a sentence ends.
export { splitSentences } from "../text/sentences";

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
