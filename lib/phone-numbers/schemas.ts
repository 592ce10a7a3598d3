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

export type PhoneNumberCreateInput = z.infer<typeof phoneNumberCreateSchema>;
export type PhoneNumberUpdateInput = z.infer<typeof phoneNumberUpdateSchema>;
