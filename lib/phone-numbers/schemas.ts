// Input schemas for phone numbers.
import { z } from "zod";
import { e164Schema } from "./e164";

export const phoneNumberCreateSchema = z
  .object({
    e164: e164Schema,
    label: z.string().trim().max(80).nullable().default(null),
    agentId: z.string().min(1).nullable().default(null),
  })
  .strict();

export const phoneNumberUpdateSchema = z
  .object({
    label: z.string().trim().max(80).nullable(),
    agentId: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

export type PhoneNumberCreateInput = z.infer<typeof phoneNumberCreateSchema>;
export type PhoneNumberUpdateInput = z.infer<typeof phoneNumberUpdateSchema>;
