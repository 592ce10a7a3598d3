// Phone numbers as people type them → E.164, the only form stored. A number without "+" is read in
// the workspace's country (Tenant.country, ISO 3166-1 alpha-2), so "(512) 555-0142" in a US workspace
// is +15125550142. Shared by the API (the service) and the dashboard's add-number form.
import { getExampleNumber, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import examples from "libphonenumber-js/examples.mobile.json";
import { text } from "../http/text";
import { E164_PATTERN } from "./e164";

/** The raw text of a phone number field; parsed with the workspace's country by parsePhoneNumberInput. */
export const phoneInputSchema = text({ label: "Phone number", min: 1, max: 40 });

// Digits and what people put between them. Letters ("1-800-FLOWERS", "ext. 5") are refused rather
// than guessed at: a routed number must be exactly the number that is called.
const ALLOWED = /^[+\d\s\-().\/]+$/;

function country(code: string): CountryCode {
  return isSupportedCountry(code) ? code : "US";
}

/** An example number of this country, written both ways: ["+1 201 555 0123", "(201) 555-0123"]. */
export function phoneFormatExamples(countryCode: string): [international: string, national: string] {
  const example = getExampleNumber(country(countryCode), examples);
  return example ? [example.formatInternational(), example.formatNational()] : ["+1 201 555 0123", "(201) 555-0123"];
}

/** "Enter a number like +1 201 555 0123 or (201) 555-0123": both forms accepted for this country. */
export function phoneFormatHint(countryCode: string): string {
  const [international, national] = phoneFormatExamples(countryCode);
  return `Enter a number like ${international} or ${national}`;
}

export type PhoneParseResult = { ok: true; e164: string } | { ok: false; message: string };

/**
 * Reads a typed number: international ("+44 20 7946 0958", "0044 …" or "011 …" from the US) or national
 * for the workspace's country. It must have a possible length for its country; full validity against
 * the numbering plan is not required, because plans gain ranges before the metadata does and the
 * fictional 555-01xx range is what demos and tests use; the carrier is the authority on the number.
 */
export function parsePhoneNumberInput(raw: string, countryCode: string): PhoneParseResult {
  const text = raw.trim();
  if (text === "") return { ok: false, message: "Enter a phone number" };
  const parsed = ALLOWED.test(text) ? parsePhoneNumberFromString(text, country(countryCode)) : undefined;
  if (!parsed || !parsed.isPossible() || !E164_PATTERN.test(parsed.number)) {
    return { ok: false, message: phoneFormatHint(countryCode) };
  }
  return { ok: true, e164: parsed.number };
}
