// Puts a caller utterance into one shape whatever produced it: the local recogniser's lower-case,
// unpunctuated words, or a vendor transcript / typed chat with capitals, punctuation and curly quotes.
// Contractions are expanded ("what's" → "what is", "i'd" → "i would") so one pattern covers both
// spellings, and hesitation fillers are dropped so "uh what um time do you open" reads as a question.

// Never "oh": it is a spoken zero inside phone numbers ("five five oh one"); it is dropped only first.
const FILLERS = new Set(["uh", "um", "umm", "uhm", "er", "erm", "hmm", "hm", "mm", "ah", "eh"]);
const LEADING_FILLERS = new Set(["oh", "well", "so", "like"]);
const SPOKEN_DIGITS = new Set(["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "double", "triple"]);

const IRREGULAR: Record<string, string> = {
  "can't": "can not",
  "won't": "will not",
  "shan't": "shall not",
  "ain't": "is not",
  "let's": "let us",
  "y'all": "you all",
};

function expand(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  return word
    .replace(/n't$/, " not")
    .replace(/'re$/, " are")
    .replace(/'m$/, " am")
    .replace(/'ll$/, " will")
    .replace(/'ve$/, " have")
    .replace(/'d$/, " would")
    .replace(/^(it|that|what|where|when|how|who|there|here|he|she|name)'s$/, "$1 is");
}

/** Lower-case words separated by single spaces; digits kept, punctuation gone, contractions expanded. */
export function normalizeUtterance(text: string): string {
  const raw = text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^a-z0-9'+]+/g, " ")
    .split(" ")
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter(Boolean);
  const words = raw.flatMap((w) => expand(w).split(" ")).filter((w) => !FILLERS.has(w));
  while (words.length > 1 && LEADING_FILLERS.has(words[0]!) && !(words[0] === "oh" && SPOKEN_DIGITS.has(words[1]!))) words.shift();
  return words.join(" ");
}

export const wordsOf = (normalized: string): string[] => (normalized ? normalized.split(" ") : []);

