import { describe, expect, it } from "vitest";
import { formatCallbackNumber, parseSpokenDigits, readBackDigits } from "./spoken-digits";

const parse = (s: string) => parseSpokenDigits(s.split(" "));

describe("spoken digits", () => {
  it("reads digit words, oh, double/triple, hundred, typed digits and plus", () => {
    expect(parse("five five five one two three four").digits).toBe("5551234");
    expect(parse("six one seven oh five five").digits).toBe("617055");
    expect(parse("double five triple two").digits).toBe("55222");
    expect(parse("one eight hundred five five five one two one two").digits).toBe("18005551212");
    expect(parse("my number is 555 1234").digits).toBe("5551234");
    expect(parse("plus four four seven seven double zero")).toEqual({ digits: "447700", plus: true });
    expect(formatCallbackNumber(parse("+44 20 7946 0958"))).toBe("+442079460958");
    // A lone "o" is a letter, not a zero; between digits it is a zero.
    expect(parse("o k").digits).toBe("");
    expect(parse("five o five").digits).toBe("505");
  });

  it("reads back digit by digit in the usual groups", () => {
    expect(readBackDigits("5551234")).toBe("5 5 5, 1 2 3 4");
    expect(readBackDigits("6175551234")).toBe("6 1 7, 5 5 5, 1 2 3 4");
    expect(readBackDigits("16175551234")).toBe("1, 6 1 7, 5 5 5, 1 2 3 4");
    expect(readBackDigits("442079460958")).toBe("4 4 2, 0 7 9, 4 6 0, 9 5 8");
    expect(readBackDigits("555")).toBe("5 5 5");
  });
});
