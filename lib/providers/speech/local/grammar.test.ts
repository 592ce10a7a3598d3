import { describe, expect, it } from "vitest";
import { buildJsgf, grammarPhrases, grammarWords, normalizePhrase, numberWords, phraseTree } from "./grammar";
import { derivePronunciation } from "./sphinx-stt";

const WORD = /^[a-z][a-z']*$/;

describe("normalizePhrase", () => {
  it("lower-cases, drops punctuation and keeps apostrophes inside words", () => {
    expect(normalizePhrase("What time do you open on Saturday?")).toEqual(["what", "time", "do", "you", "open", "on", "saturday"]);
    expect(normalizePhrase("I’d like to 'leave' a message!!")).toEqual(["i'd", "like", "to", "leave", "a", "message"]);
  });

  it("says numbers, times and am/pm the way callers do", () => {
    expect(normalizePhrase("Open 9am-5:30pm")).toEqual(["open", "nine", "a", "m", "five", "thirty", "p", "m"]);
    expect(normalizePhrase("at 10:00")).toEqual(["at", "ten", "o'clock"]);
    expect(normalizePhrase("I am here")).toEqual(["i", "am", "here"]);
    expect(normalizePhrase("call 5551234")).toEqual(["call", "five", "five", "five", "one", "two", "three", "four"]);
    expect(numberWords("42")).toEqual(["forty", "two"]);
    expect(numberWords("115")).toEqual(["one", "hundred", "fifteen"]);
    expect(numberWords("007")).toEqual(["zero", "zero", "seven"]);
  });

  it("folds accents and drops what cannot be a word", () => {
    expect(normalizePhrase("Café Müller & Söhne — 50% off")).toEqual(["cafe", "muller", "and", "sohne", "fifty", "percent", "off"]);
    expect(normalizePhrase("日本語 ✓ <rule> | ; = * ( ) [ ] { } / \\ \" #")).toEqual(["rule", "equals"]);
  });
});

describe("buildJsgf", () => {
  const odd = [
    "What's up; <public> = hack | *;",
    "Do you take walk-ins?",
    "Open 9am",
    "O'Brien's ''quoted'' text",
    "日本語だけ",
    "",
    "   ",
    "[optional] (group) {tag} /0.5/ weight",
    "\"double\" \\back\\slash",
  ];

  it("never lets odd phrases break the grammar: every token is a plain word or a rule", () => {
    const phrases = grammarPhrases(odd);
    const jsgf = buildJsgf(phrases, { spelling: true });
    const lines = jsgf.trim().split("\n");
    expect(lines[0]).toBe("#JSGF V1.0;");
    for (const line of lines.slice(2)) {
      const m = /^(public )?<[a-z]+> = (.*);$/.exec(line);
      expect(m, line).not.toBeNull();
      const body = m![2]!.replace(/\/[0-9.e-]+\//g, " ").replace(/<[a-z]+>|<NULL>/gi, " ");
      for (const token of body.split(/[\s|()[\]+*]+/).filter(Boolean)) expect(token, line).toMatch(WORD);
    }
    for (const w of grammarWords(phrases, { spelling: true })) expect(w).toMatch(WORD);
  });

  it("lets a phrase that introduces a number run on into the digits, and only such a phrase", () => {
    const jsgf = buildJsgf(grammarPhrases(["My number is", "You can reach me at", "Where are you located?"]));
    expect(jsgf).toMatch(/^<item> = .*\| <intro> <digits> \|/m);
    expect(jsgf).toMatch(/^<intro> = my number is \| you can reach me at;$/m);
    expect(buildJsgf(grammarPhrases(["Where are you located?"]))).not.toContain("<intro>");
  });

  it("offers a bare digit run only when the agent asked for a number; a number introduced as one comes through either way", () => {
    const phrases = grammarPhrases(["My number is", "Where are you located?"]);
    const item = (jsgf: string) => /^<item> = (.*);$/m.exec(jsgf)![1]!.split(" | ");
    expect(item(buildJsgf(phrases, {}, "number"))).toEqual(["[<greeting>] <phrase>", "<intro> <digits>", "<digits>"]);
    expect(item(buildJsgf(phrases, {}, "open"))).toEqual(["[<greeting>] <phrase>", "<intro> <digits>"]);
    expect(buildJsgf(phrases, {}, "open")).toMatch(/^<digits> = /m);
    // Without an intro and not asked for a number, no digit rule at all (an unused rule is not left behind).
    const plain = buildJsgf(grammarPhrases(["Where are you located?"]), {}, "open");
    expect(item(plain)).toEqual(["[<greeting>] <phrase>"]);
    expect(plain).not.toMatch(/<digits?>/);
  });

  it("shares the phrases' common beginnings, each phrase keeping an equal share of the prior", () => {
    const tree = phraseTree([
      ["what", "time", "do", "you", "open"],
      ["what", "time", "do", "you", "open", "on", "saturday"],
      ["what", "time", "do", "you", "close"],
      ["hello"],
      ["what"],
    ]);
    // "what" once for four phrases (weight 4 against hello's 1); a phrase that another continues may end there (<NULL>).
    expect(tree).toBe("( /4/ what ( /1/ <NULL> | /3/ time do you ( /2/ open ( /1/ <NULL> | /1/ on saturday ) | /1/ close ) ) | /1/ hello )");
    expect(phraseTree([["just", "one", "phrase"]])).toBe("just one phrase");
    expect(phraseTree([])).toBe("");
  });

  it("keeps the agent's phrases, adds the built-in intents once, and drops empty ones", () => {
    const phrases = grammarPhrases(["Talk to a human", "TALK to a human!", "日本語", "Where are you located?"]).map((p) => p.join(" "));
    expect(phrases.filter((p) => p === "talk to a human")).toHaveLength(1);
    expect(phrases).toContain("where are you located");
    expect(phrases).toContain("goodbye");
    expect(phrases).toContain("yes");
    expect(phrases.every((p) => p.length > 0)).toBe(true);
  });
});

describe("derivePronunciation", () => {
  const dict: Record<string, string> = { mike: "M AY K", bright: "B R AY T", smile: "S M AY L", bob: "B AA B", ross: "R AO S" };
  const lookup = (w: string) => dict[w] ?? null;
  it("derives contractions and compounds of known words", () => {
    expect(derivePronunciation("mike's", lookup)).toBe("M AY K S");
    expect(derivePronunciation("bob's", lookup)).toBe("B AA B Z");
    expect(derivePronunciation("ross's", lookup)).toBe("R AO S IH Z");
    expect(derivePronunciation("mike'll", lookup)).toBe("M AY K L");
    expect(derivePronunciation("brightsmile", lookup)).toBe("B R AY T S M AY L");
    expect(derivePronunciation("xqzt", lookup)).toBeNull();
  });
});
