import { describe, expect, it } from "vitest";
import { parsePhoneNumberInput, phoneFormatHint, phoneInputSchema } from "./parse-phone";

describe("parsePhoneNumberInput (national formats against the workspace's country)", () => {
  const e164 = (raw: string, country: string) => {
    const result = parsePhoneNumberInput(raw, country);
    return result.ok ? result.e164 : `refused: ${result.message}`;
  };

  it("reads US national formats in a US workspace", () => {
    expect(e164("(512) 555-0142", "US")).toBe("+15125550142");
    expect(e164("512-555-0142", "US")).toBe("+15125550142");
    expect(e164("512.555.0142", "US")).toBe("+15125550142");
    expect(e164("1 512 555 0142", "US")).toBe("+15125550142");
    // The fictional 555-01xx range (demo data, tests) has a possible length, so it is accepted.
    expect(e164("(555) 010-0001", "US")).toBe("+15550100001");
  });

  it("reads other countries' national formats with their trunk prefix", () => {
    expect(e164("020 7946 0958", "GB")).toBe("+442079460958");
    expect(e164("030 1234567", "DE")).toBe("+49301234567");
    expect(e164("06 12 34 56 78", "FR")).toBe("+33612345678");
  });

  it("takes international numbers whatever the workspace's country, with + or an exit code", () => {
    expect(e164("+44 20 7946 0958", "US")).toBe("+442079460958");
    expect(e164("+1 (555) 010-0001", "DE")).toBe("+15550100001");
    expect(e164("011 44 20 7946 0958", "US")).toBe("+442079460958");
    expect(e164("0044 20 7946 0958", "GB")).toBe("+442079460958");
  });

  it("falls back to US for a country code libphonenumber does not know", () => {
    expect(e164("(512) 555-0142", "ZZ")).toBe("+15125550142");
  });

  it("refuses incomplete, overlong, lettered and extension numbers, saying which format is expected", () => {
    const hint = "Enter a number like +1 201 555 0123 or (201) 555-0123";
    for (const bad of ["555-0107", "+12345", "+1234567890123456", "+1555CALLNOW", "1-800-FLOWERS", "+1 512 555 0142 ext. 5", "+0555010001", "hello"]) {
      expect(parsePhoneNumberInput(bad, "US"), bad).toEqual({ ok: false, message: hint });
    }
    expect(parsePhoneNumberInput("   ", "US")).toEqual({ ok: false, message: "Enter a phone number" });
  });

  it("gives the example in the workspace's own national format", () => {
    expect(phoneFormatHint("US")).toBe("Enter a number like +1 201 555 0123 or (201) 555-0123");
    expect(phoneFormatHint("GB")).toBe("Enter a number like +44 7400 123456 or 07400 123456");
  });

  it("bounds the raw text before parsing", () => {
    expect(phoneInputSchema.safeParse("").success).toBe(false);
    expect(phoneInputSchema.safeParse("1".repeat(41)).success).toBe(false);
    expect(phoneInputSchema.parse("  (512) 555-0142 ")).toBe("(512) 555-0142");
  });
});
