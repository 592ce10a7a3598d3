// E.164: "+", a country code that does not start with 0, at most 15 digits in all. The strict form, for
// fields with no workspace country to read a national number against (an agent's transfer number);
// parse-phone.ts reads what people type in a workspace's country. Kept free of libphonenumber's
// metadata so the agent form's bundle does not carry it.
import { z } from "zod";

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** Strips the spaces, dashes, dots and brackets people type, keeping a leading "+". */
export function normalizePhoneInput(raw: string): string {
  return raw.trim().replace(/[\s\-().]/g, "");
}

export const e164Schema = z
  .string()
  .transform(normalizePhoneInput)
  .pipe(z.string().regex(E164_PATTERN, "Must be an E.164 phone number, e.g. +15550100001"));
