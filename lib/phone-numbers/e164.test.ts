import { describe, expect, it } from "vitest";
import { e164Schema, normalizePhoneInput } from "./e164";

describe("E.164 (strict, international form)", () => {
  it("accepts what people type and stores the canonical form", () => {
    expect(e164Schema.parse("+1 (555) 010-0001")).toBe("+15550100001");
    expect(e164Schema.parse(" +44 20.7946.0958 ")).toBe("+442079460958");
    expect(normalizePhoneInput("+49-30-1234567")).toBe("+49301234567");
  });

  it("refuses numbers without +, with a leading 0 country code, letters, or too many digits", () => {
    for (const bad of ["5550100001", "+0555010001", "+1555CALLNOW", "+1234567890123456", "+12345", ""]) {
      expect(e164Schema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
