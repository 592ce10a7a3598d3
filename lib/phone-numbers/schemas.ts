// Input schemas for phone numbers. Strict: an unknown key is a 422 naming it.
import { z } from "zod";
import { idText, text } from "../http/text";
import { phoneInputSchema } from "./parse-phone";

const label = text({ label: "Label", max: 80 }).nullable();
const agentId = idText("Agent").nullable();

export const phoneNumberCreateSchema = z
  .object({
    // Typed text ("(512) 555-0142" or "+1 512 555 0142"): the service reads it in the workspace's country.
    e164: phoneInputSchema,
    label: label.default(null),
    agentId: agentId.default(null),
  })
  .strict();

export const phoneNumberUpdateSchema = z
  .object({
    label,
    agentId,
  })
  .partial()
  .strict();

// With Twilio connected: search what the account can buy, buy one, or import one it already holds.
export const availableNumbersQuerySchema = z
  .object({
    // Unset: the workspace's country.
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Must be a two-letter country code, e.g. US").optional(),
    areaCode: z.string().trim().regex(/^\d{3}$/, "Must be a three-digit area code").transform(Number).optional(),
    // Digits, letters (vanity, e.g. "PIZZA") and Twilio's * wildcard, as Twilio's Contains takes them.
    contains: z.string().trim().regex(/^[0-9A-Za-z*]{2,16}$/, "Use 2 to 16 digits, letters or *").optional(),
  })
  .strict();

export const phoneNumberProvisionSchema = z
  .object({
    e164: phoneInputSchema,
    label: label.default(null),
    agentId: agentId.default(null),
  })
  .strict();

export type AvailableNumbersQuery = z.infer<typeof availableNumbersQuerySchema>;
export type PhoneNumberProvisionInput = z.infer<typeof phoneNumberProvisionSchema>;
export type PhoneNumberCreateInput = z.infer<typeof phoneNumberCreateSchema>;
export type PhoneNumberUpdateInput = z.infer<typeof phoneNumberUpdateSchema>;
