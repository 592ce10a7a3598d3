// Phone numbers as callers say them: "five five five one two three four", "oh" for zero, "double
// five", "triple seven", "eight hundred", "plus four four", or typed digits ("555-1234" arrives as
// "555 1234" after normalising). Read back digit by digit in the usual groups, because a caller checks
// "5 5 5, 1 2 3 4" far more reliably than "five hundred fifty-five…".

const DIGIT_WORDS: Record<string, string> = {
  zero: "0",
  oh: "0",
  o: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  niner: "9",
};
const REPEAT: Record<string, number> = { double: 2, triple: 3 };

export interface SpokenNumber {
  digits: string;
  /** The caller said "plus" (an international number). */
  plus: boolean;
}

/** Every digit the words contain, in order ("" when none). Words that are not digits are skipped. */
export function parseSpokenDigits(words: readonly string[]): SpokenNumber {
  let digits = "";
  let plus = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "plus" && digits === "") plus = true;
    else if (w.startsWith("+") && /^\+\d+$/.test(w)) {
      if (digits === "") plus = true;
      digits += w.slice(1);
    } else if (/^\d+$/.test(w)) digits += w;
    else if (DIGIT_WORDS[w] && !(w === "o" && !isDigitWord(words[i - 1]) && !isDigitWord(words[i + 1]))) digits += DIGIT_WORDS[w];
    else if (REPEAT[w] && DIGIT_WORDS[words[i + 1] ?? ""]) {
      digits += DIGIT_WORDS[words[i + 1]!]!.repeat(REPEAT[w]!);
      i += 1;
    } else if (w === "hundred" && digits !== "") digits += "00";
    else if (w === "thousand" && digits !== "") digits += "000";
  }
  return { digits, plus };
}

function isDigitWord(w: string | undefined): boolean {
  return w !== undefined && (w in DIGIT_WORDS || /^\d+$/.test(w) || w in REPEAT);
}

/** How many digits a usable callback number has (a local number without area code is 7). */
export const MIN_PHONE_DIGITS = 7;
export const MAX_PHONE_DIGITS = 15;

/** Digits in read-back groups: 555 123 4567 → "5 5 5, 1 2 3, 4 5 6 7"; 1 555… → "1, 5 5 5, …". */
export function readBackDigits(digits: string): string {
  const sizes = groupSizes(digits.length, digits.startsWith("1") && digits.length === 11);
  const groups: string[] = [];
  let at = 0;
  for (const n of sizes) {
    groups.push(digits.slice(at, at + n).split("").join(" "));
    at += n;
  }
  return groups.join(", ");
}

function groupSizes(length: number, northAmericanWithOne: boolean): number[] {
  if (northAmericanWithOne) return [1, 3, 3, 4];
  if (length === 10) return [3, 3, 4];
  if (length <= 4) return [length];
  if (length <= 8) return [length - 4, 4];
  const sizes: number[] = [];
  let rest = length;
  while (rest > 4) {
    sizes.push(3);
    rest -= 3;
  }
  return [...sizes, rest];
}

/** The callback number as stored: digits, with a leading "+" when the caller gave one. */
export const formatCallbackNumber = (n: SpokenNumber): string => `${n.plus ? "+" : ""}${n.digits}`;
