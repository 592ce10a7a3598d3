// zod schemas of the calls and messages JSON (lib/calls/serialize.ts, lib/messages/serialize.ts) for the
// OpenAPI document; the checks at the bottom fail `tsc` when a serializer and its schema drift apart.
import { z } from "zod";
import type { Prisma } from "../db/generated/client";
import type { toCallDetailJson, toCallJson } from "../calls/serialize";
import { CallDirection, CallEndedReason, CallOutcome, CallStatus, MessageStatus, MessageUrgency, Sentiment, TelephonyProvider, TurnRole, UsageKind } from "../db/generated/enums";
import type { toMessageJson } from "../messages/serialize";
import { iso, type Same } from "./responses";

/** A stored JSON column: any JSON value (or null). Typed as Prisma's JsonValue, whose objects allow undefined members. */
export const jsonValue = z.json().meta({ id: "JsonValue", description: "Any JSON value" }).nullable() as z.ZodType<Prisma.JsonValue>;
const ref = z.object({ id: z.string(), name: z.string() });

export const messageFieldsJsonSchema = z.object({
  id: z.string(),
  agentId: z.string().nullable(),
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  body: z.string(),
  audio: z
    .object({ startMs: z.number().int(), endMs: z.number().int() })
    .nullable()
    .describe(
      "Where the caller said the message in the call's recording (ms from its start), when it was kept as audio because the recogniser could not take it down word for word: play GET /api/v1/calls/{callId}/recording from startMs to endMs",
    ),
  urgency: z.enum(MessageUrgency),
  status: z.enum(MessageStatus),
  readAt: iso.nullable(),
  handledAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const messageJsonSchema = messageFieldsJsonSchema
  .extend({
    callId: z.string().nullable(),
    call: z.object({ id: z.string(), fromNumber: z.string(), startedAt: iso }).nullable(),
    agent: ref.nullable(),
    handledBy: ref.nullable().describe("Who marked it handled; null when no one has, or their account is gone"),
  })
  .meta({ id: "Message" });

export const callJsonSchema = z
  .object({
    id: z.string(),
    agentId: z.string().nullable(),
    agent: ref.nullable(),
    phoneNumberId: z.string().nullable(),
    provider: z.enum(TelephonyProvider),
    providerCallId: z.string(),
    fromNumber: z.string(),
    toNumber: z.string(),
    direction: z.enum(CallDirection),
    status: z.enum(CallStatus),
    startedAt: iso,
    answeredAt: iso.nullable(),
    endedAt: iso.nullable(),
    durationSec: z.number().int().nullable(),
    endedReason: z.enum(CallEndedReason).nullable(),
    hasRecording: z.boolean().describe("GET /api/v1/calls/{id}/recording serves it"),
    recordingDurationSec: z.number().int().nullable(),
    summary: z.string().nullable(),
    sentiment: z.enum(Sentiment).nullable(),
    outcome: z.enum(CallOutcome).nullable(),
    qualityScore: z.number().nullable(),
    costCents: z.number().int(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: "Call" });

const turnJsonSchema = z.object({
  id: z.string(),
  index: z.number().int(),
  role: z.enum(TurnRole),
  text: z.string(),
  heardText: z.string().nullable().describe("What the caller heard of an interrupted agent turn"),
  interrupted: z.boolean(),
  startMs: z.number().int(),
  endMs: z.number().int().nullable(),
  toolName: z.string().nullable(),
  toolArgs: jsonValue,
  toolResult: jsonValue,
  endpointLatencyMs: z.number().int().nullable(),
  sttLatencyMs: z.number().int().nullable(),
  llmLatencyMs: z.number().int().nullable(),
  ttsLatencyMs: z.number().int().nullable(),
  totalLatencyMs: z.number().int().nullable(),
  platformLatencyMs: z
    .number()
    .int()
    .nullable()
    .describe("Frontdesk's own time in the turn's wait: total minus the endpoint wait, STT, LLM first token and TTS first byte; null without a total"),
});

export const callDetailJsonSchema = callJsonSchema
  .extend({
    qualityNotes: jsonValue,
    costBreakdown: jsonValue,
    turns: z.array(turnJsonSchema),
    events: z.array(z.object({ id: z.string(), type: z.string(), at: iso, payload: jsonValue })),
    messages: z.array(messageFieldsJsonSchema),
    usage: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(UsageKind),
        model: z.string().nullable().describe("The model or voice provider the quantity was used with when not the call's own (a fallback LLM model, \"local\" for the fallback voice); null = the call's own"),
        quantity: z.number(),
        costMicros: z.number().int(),
        occurredAt: iso,
      }),
    ),
  })
  .meta({ id: "CallDetail" });

// Compile-time: each schema's type and its serializer's output are the same shape.
const callMatches: Same<z.infer<typeof callJsonSchema>, ReturnType<typeof toCallJson>> = true;
const callDetailMatches: Same<z.infer<typeof callDetailJsonSchema>, ReturnType<typeof toCallDetailJson>> = true;
const messageMatches: Same<z.infer<typeof messageJsonSchema>, ReturnType<typeof toMessageJson>> = true;
void [callMatches, callDetailMatches, messageMatches];
