import { describe, expect, it } from "vitest";
import { parseTranscriptQuery } from "./transcript-query";

describe("parseTranscriptQuery", () => {
  it.each([
    ["park", { words: "", prefix: "park" }],
    ["  Lost PARK ", { words: "Lost", prefix: "park" }],
    ["refund \"late delivery\" Tues", { words: "refund \"late delivery\"", prefix: "tues" }],
    ["Zürich 42", { words: "Zürich", prefix: "42" }],
  ])("%j: the last plain word is also a prefix", (q, expected) => {
    expect(parseTranscriptQuery(q)).toEqual(expected);
  });

  it.each(["\"late delivery\"", "\"late deliv", "parking -valet", "refund or", "o'brien", "park:*", "a|b", "x&y"])(
    "%j: no prefix (phrase, exclusion, operator or punctuation): the whole text goes to websearch",
    (q) => {
      expect(parseTranscriptQuery(q)).toEqual({ words: q, prefix: null });
    },
  );
});
