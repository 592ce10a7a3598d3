// Cuts streamed LLM text into speakable chunks so TTS can start on the first sentence (or a long
// first clause) while the model is still writing the rest. push(delta) returns the chunks that
// completed; flush() returns the remainder when the reply ends.
//
// A chunk ends at: a sentence end (. ! ? and the CJK 。！？) followed by whitespace; a clause boundary
// (, ; : — – … and CJK ，；：、) once the chunk is at least `minClauseChars` long; or, with no
// boundary, the last space before `maxChars`. Not a boundary: punctuation followed by a non-space
// ("3.5", "$1,200", "10:30", "example.com", "a@b.co"), title abbreviations ("Dr.", "e.g."), a
// period followed by a lowercase word ("9 a.m. on"), single-letter initials, "1." list markers.
// An ellipsis never ends a sentence (callers hear mid-sentence "well... I think" as one thought).
//
// Cost: a scan position survives between pushes, so each character is examined a bounded number of
// times (a wait for lookahead re-reads only the punctuation run and the whitespace after it, each
// capped at LOOKAHEAD characters; a period followed by that much whitespace ends the sentence).
export interface ChunkerOptions {
  /** A clause boundary ends a chunk only once the chunk has this many characters. */
  minClauseChars?: number;
  /** With no boundary, a chunk is cut at the last space before this length. */
  maxChars?: number;
}

const SENTENCE_END = new Set([".", "!", "?", "…"]);
const CJK_SENTENCE_END = new Set(["。", "！", "？"]);
const CLAUSE = new Set([",", ";", ":", "–"]);
const CLAUSE_NO_SPACE = new Set(["—", "，", "；", "：", "、"]);
const CLOSERS = new Set(['"', "'", "”", "’", ")", "]", "}", "»", "」", "』", "）"]);
// A period after these never ends a sentence (a name or an example always follows).
const TITLES = new Set(["mr", "mrs", "ms", "dr", "prof", "st", "sr", "mt", "vs", "e.g", "i.e", "cf", "approx", "fig"]);
const LOOKAHEAD = 8; // bounds every forward look, so a wait re-reads at most a few characters
const WAIT = -2;
const NONE = -1;

const isSpace = (c: string) => c !== "" && /\s/.test(c);
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();

export class SentenceChunker {
  private buf = "";
  private pos = 0; // every index before pos is known not to end a chunk
  private lastSpace = -1;
  private readonly minClause: number;
  private readonly max: number;

  constructor(opts: ChunkerOptions = {}) {
    this.minClause = opts.minClauseChars ?? 40;
    this.max = Math.max(opts.maxChars ?? 200, 2);
  }

  push(delta: string): string[] {
    this.buf += delta;
    if (this.pos === 0 && isSpace(this.buf.charAt(0))) this.buf = this.buf.trimStart();
    return this.drain(false);
  }

  flush(): string[] {
    const out = this.drain(true);
    const rest = this.buf.trim();
    this.buf = "";
    this.pos = 0;
    this.lastSpace = -1;
    if (rest) out.push(rest);
    return out;
  }

  private drain(final: boolean): string[] {
    const out: string[] = [];
    for (let end = this.nextEnd(final); end > 0; end = this.nextEnd(final)) {
      const chunk = this.buf.slice(0, end).trim();
      if (chunk) out.push(chunk);
      this.buf = this.buf.slice(end).trimStart();
      this.pos = 0;
      this.lastSpace = -1;
    }
    return out;
  }

  /** End index (exclusive) of the next complete chunk, or NONE when more text is needed. */
  private nextEnd(final: boolean): number {
    const buf = this.buf;
    for (let i = this.pos; i < buf.length; i++) {
      if (isSpace(buf.charAt(i))) this.lastSpace = i;
      if (i >= this.max) return this.lastSpace > 0 ? this.lastSpace : this.max;
      const end = this.boundaryAt(i, final);
      if (end === WAIT) {
        this.pos = i;
        return NONE;
      }
      if (end !== NONE) return end;
    }
    this.pos = buf.length;
    return NONE;
  }

  private boundaryAt(i: number, final: boolean): number {
    const buf = this.buf;
    const c = buf.charAt(i);
    const long = i + 1 >= this.minClause;
    if (CJK_SENTENCE_END.has(c)) return this.afterClosers(i + 1, final, true);
    if (CLAUSE_NO_SPACE.has(c)) return long ? i + 1 : NONE;
    if (CLAUSE.has(c)) return long ? this.needSpace(i + 1, final) : NONE;
    // Judge a run ("...", "?!") once, at its first character.
    if (!SENTENCE_END.has(c) || (i > 0 && SENTENCE_END.has(buf.charAt(i - 1)))) return NONE;

    let j = i;
    while (j < buf.length && j - i < LOOKAHEAD && SENTENCE_END.has(buf.charAt(j))) j++;
    const run = buf.slice(i, j);
    if (j === buf.length && !final) return WAIT;
    if (run === "…" || run.startsWith("..")) return long ? this.needSpace(j, final) : NONE;
    const end = this.afterClosers(j, final, false);
    if (end < 0 || run !== ".") return end;
    // A lone period: rule out abbreviations, initials and list markers, then look at the next word.
    const word = this.wordBefore(i);
    if (TITLES.has(word.toLowerCase())) return NONE;
    if (word !== "I" && /^([A-Z]\.)*[A-Z]$/.test(word)) return NONE; // "John F. Kennedy", "J.R.R. Tolkien"
    if (i <= 2 && /^\d+$/.test(buf.slice(0, i))) return NONE;
    let k = end;
    while (k < buf.length && k - end < LOOKAHEAD && isSpace(buf.charAt(k))) k++;
    if (k - end >= LOOKAHEAD) return end; // a paragraph's worth of whitespace ends it anyway
    if (k === buf.length) return final ? end : WAIT;
    return isLower(buf.charAt(k)) ? NONE : end;
  }

  /** Skips closing quotes/brackets; the chunk ends there if whitespace (or, for CJK, anything) follows. */
  private afterClosers(j: number, final: boolean, cjk: boolean): number {
    const start = j;
    while (j < this.buf.length && j - start < LOOKAHEAD && CLOSERS.has(this.buf.charAt(j))) j++;
    if (j === this.buf.length) return final ? j : WAIT;
    return cjk ? j : this.needSpace(j, final);
  }

  private needSpace(j: number, final: boolean): number {
    if (j === this.buf.length) return final ? j : WAIT;
    return isSpace(this.buf.charAt(j)) ? j : NONE;
  }

  private wordBefore(i: number): string {
    let s = i;
    while (s > 0 && i - s < 12 && /[\p{L}.]/u.test(this.buf.charAt(s - 1))) s--;
    return this.buf.slice(s, i);
  }
}

/** Chunks a whole string at once (same cuts as streaming it). */
export function chunkText(text: string, opts?: ChunkerOptions): string[] {
  const chunker = new SentenceChunker(opts);
  return [...chunker.push(text), ...chunker.flush()];
}
