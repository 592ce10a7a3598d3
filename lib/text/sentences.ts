// Where a sentence ends in written text, abbreviation-safe: "Dr. Lee", "Elm St.", "e.g. Paris",
// "J. R. Smith", "No. 5", "p. 12", "$3.50" and "9 a.m. Monday" do not end a sentence; "I said no.
// Then", "5 p.m. We", "Open? Yes!", "Then… we", CJK full stops (。！？) and line breaks do. The one
// table of abbreviations for document text: chunking (lib/knowledge/chunk-text.ts) and the phone
// responder's speakable sentences (lib/knowledge/spoken-units.ts) both split here. Missing a boundary
// only makes a sentence longer; a false one cuts a thought in half, so the rules lean towards not
// splitting. (Streamed LLM text is cut for TTS by lib/conversation/speech/sentence-chunker.ts, which
// must decide with only a few characters of lookahead.)

// Words whose trailing dot never ends a sentence (compared lower-case, without the final dot). Dotted
// short forms ("e.g", "i.e", "U.S") and single-letter initials are recognised by shape, not listed.
const ABBREVIATIONS = new Set(
  ("mr mrs ms dr prof sr jr st mt ave rd blvd ln hwy ft ste apt bldg vs etc cf approx appt dept est fig " +
    "inc ltd llc co corp jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs " +
    "fri sat sun tel ext min max mins hr hrs sec vol ca al gen col lt sgt capt gov sen rep hon rev ph.d").split(" "),
);
// Abbreviations only before a number ("No. 5", "Rm. 12", "pp. 4"); "I said no. Then…" ends a sentence.
const BEFORE_NUMBER = new Set(["no", "nos", "rm", "pg", "pp", "ch", "art"]);
// "9 a.m. Monday": a day, a month, a time zone after a.m./p.m. continues the sentence; "5 p.m. We" ends it.
const CONTINUES_TIME = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|weekends?|january|february|march|april|may|june|july|august|september|october|november|december|eastern|pacific|central|mountain|[A-Z]{2,4}T\b)/i;

// Sentence end: terminal punctuation (+ closing quotes/brackets) then space, a CJK full stop, or a line break.
const BOUNDARY = /([.!?…]+)["'”’)\]]*\s+(?=\S)|[。！？]+["'”’」』）)]*\s*|\n+/g;

/**
 * Whether a lone period ends a sentence: `token` is the text from the last space up to the period,
 * `after` the start of what follows the space after it (a dozen characters are enough).
 */
function periodEndsSentence(token: string, after: string): boolean {
  if (/^\p{Ll}/u.test(after)) return false; // "approx. three", "etc. and", "a.m. on"
  const word = token.replace(/^[("'“‘[]+/, "");
  const lower = word.toLowerCase();
  if (lower === "a.m" || lower === "p.m") return !CONTINUES_TIME.test(after);
  if (/^\p{L}$/u.test(word)) return false; // an initial: "J. Smith"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return false; // "e.g", "i.e", "U.S"
  if (ABBREVIATIONS.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower)) return !/^\d/.test(after);
  return true;
}

function wordBefore(text: string, at: number): string {
  let from = at;
  while (from > 0 && !/\s/.test(text.charAt(from - 1))) from--;
  return text.slice(from, at);
}

/** Sentences of a paragraph, trimmed, in order; their concatenation holds every word of the input. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
    const end = match.index + match[0].length;
    const punct = match[1];
    if (punct) {
      const after = text.slice(end, end + 16);
      if (/^\p{Ll}/u.test(after)) continue; // a lower-case continuation, after ! ? … too
      if (punct === "." && !periodEndsSentence(wordBefore(text, match.index), after)) continue;
    }
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
