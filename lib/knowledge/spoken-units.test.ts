import { describe, expect, it } from "vitest";
import { plainInline, splitSentences, spokenUnits } from "./spoken-units";

describe("splitSentences", () => {
  it("does not end sentences at abbreviations, initials, decimals or a.m. before a day", () => {
    expect(splitSentences("Dr. J. Smith sees patients at 12 Elm St. Suite 4. Fees start at $4.50 per visit, e.g. for a check-up. Call us.")).toEqual([
      "Dr. J. Smith sees patients at 12 Elm St. Suite 4.",
      "Fees start at $4.50 per visit, e.g. for a check-up.",
      "Call us.",
    ]);
    expect(splitSentences("We open at 9 a.m. Monday to Friday. We close at 5 p.m. Please call ahead!")).toEqual([
      "We open at 9 a.m. Monday to Friday.",
      "We close at 5 p.m.",
      "Please call ahead!",
    ]);
    expect(splitSentences("See room No. 5 upstairs. Is it free? Yes.")).toEqual(["See room No. 5 upstairs.", "Is it free?", "Yes."]);
  });
});

describe("spokenUnits", () => {
  it("strips Markdown and HTML for speech", () => {
    expect(plainInline("See the *Payment* section for **fees**. <b>Note:</b> [our map](https://example.com) shows `Gate 2`.")).toBe(
      "See the Payment section for fees. Note: our map shows Gate 2.",
    );
  });

  it("joins a run of short list items into one sentence; full-sentence items stay sentences", () => {
    expect(spokenUnits("We accept:\n- Visa\n- *Mastercard*\n- Cash")).toEqual([
      { kind: "sentence", text: "We accept:" },
      { kind: "list", text: "Visa, Mastercard, and Cash." },
    ]);
    expect(spokenUnits("1. Call us at 555-0100.\n2. Give your name and date of birth.").map((u) => u.text)).toEqual([
      "Call us at 555-0100.",
      "Give your name and date of birth.",
    ]);
  });

  it("tables become rows (header and rule dropped), headings are marked, wrapped lines are joined", () => {
    expect(spokenUnits("# Prices\n\n| Service | Price |\n| --- | ---: |\n| Cleaning | $80 |\n\nA cleaning takes\nabout an hour.")).toEqual([
      { kind: "heading", text: "Prices" },
      { kind: "row", text: "Cleaning: $80." },
      { kind: "sentence", text: "A cleaning takes about an hour." },
    ]);
  });
});
