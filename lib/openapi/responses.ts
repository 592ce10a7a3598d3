// zod schemas of the JSON the API answers with, for the OpenAPI document. The type checks at the
// bottom tie each schema to its serializer: change one without the other and `tsc` fails.
import { z } from "zod";
import type { AgentJson } from "../agents/serialize";
import type { PhoneNumberJson } from "../phone-numbers/serialize";
import type { AvailableNumber } from "../providers/twilio/numbers";
import type { Voice } from "../providers/speech/types";

export const iso = z.iso.datetime();

export const agentJsonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    greeting: z.string(),
    systemPrompt: z.string(),
    language: z.string(),
    voiceId: z.string(),
    ttsModel: z.string().nullable().describe("ElevenLabs model (eleven_flash_v2_5, eleven_turbo_v2_5, eleven_multilingual_v2); null = the server's default"),
    llmModel: z.string(),
    temperature: z.number(),
    conversationEngine: z.enum(["CASCADE", "REALTIME"]),
    realtimeVoice: z.string(),
    transferPhoneNumber: z.string().nullable(),
    address: z.string().nullable(),
    services: z.array(z.string()),
    timezone: z.string(),
    businessHours: z.record(z.string(), z.array(z.object({ open: z.string(), close: z.string() }))),
    afterHoursAction: z.enum(["ANSWER_NORMALLY", "TAKE_MESSAGE", "TRANSFER", "PLAY_MESSAGE_AND_HANG_UP"]),
    afterHoursMessage: z.string().nullable(),
    maxCallDurationSec: z.number().int(),
    silenceTimeoutSec: z.number().int(),
    tools: z.array(z.enum(["KNOWLEDGE_SEARCH", "TAKE_MESSAGE", "TRANSFER_CALL", "END_CALL"])),
    enabled: z.boolean(),
    phoneNumbers: z.array(z.object({ id: z.string(), e164: z.string() })),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: "Agent" });

export const phoneNumberJsonSchema = z
  .object({
    id: z.string(),
    e164: z.string().describe("E.164, e.g. +15125550142"),
    label: z.string().nullable(),
    agentId: z.string().nullable(),
    agent: z.object({ id: z.string(), name: z.string() }).nullable(),
    provider: z.enum(["LOCAL", "TWILIO"]),
    provisioned: z.boolean().describe("Bought or imported through the Twilio account"),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: "PhoneNumber" });

export const voiceJsonSchema = z
  .object({ id: z.string(), name: z.string(), language: z.string(), gender: z.enum(["female", "male", "neutral"]).optional(), provider: z.string() })
  .meta({ id: "Voice" });

export const availableNumberJsonSchema = z
  .object({ e164: z.string(), friendlyName: z.string(), locality: z.string().nullable(), region: z.string().nullable(), country: z.string(), voice: z.boolean() })
  .meta({ id: "AvailableNumber" });

/** Only the OpenAPI document itself, whose schema is the OpenAPI 3.1 specification's. */
export const anyObject = z.object({}).loose();

export const dataOf = (schema: z.ZodType) => z.object({ data: schema });
export const pageOf = (schema: z.ZodType) =>
  z.object({ data: z.array(schema), next_cursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last") });

// Compile-time: each schema's type and its serializer's output are the same shape.
// Mutual assignability, plus the same keys: an optional field missing on one side is assignable both ways.
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
/** What Response.json makes of a value: Dates become ISO strings. */
export type Jsonified<T> = T extends Date ? string : T extends readonly (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;
const agentMatches: Same<Omit<z.infer<typeof agentJsonSchema>, "businessHours">, Omit<AgentJson, "businessHours">> = true;
const numberMatches: Same<z.infer<typeof phoneNumberJsonSchema>, PhoneNumberJson> = true;
const voiceMatches: Same<z.infer<typeof voiceJsonSchema>, Voice> = true;
const availableMatches: Same<z.infer<typeof availableNumberJsonSchema>, AvailableNumber> = true;
void [agentMatches, numberMatches, voiceMatches, availableMatches];
