// Agents, phone numbers and voices.
import { z } from "zod";
import { agentCreateSchema, agentUpdateSchema } from "../../agents/schemas";
import { testCallInput } from "../../calls/test-call";
import { pageQuerySchema } from "../../http/page";
import { idParams } from "../../http/params";
import { availableNumbersQuerySchema, phoneNumberCreateSchema, phoneNumberProvisionSchema, phoneNumberUpdateSchema } from "../../phone-numbers/schemas";
import { previewRequestSchema } from "../../voices/preview";
import { op } from "../registry";
import { agentJsonSchema, availableNumberJsonSchema, dataOf, pageOf, phoneNumberJsonSchema, voiceJsonSchema } from "../responses";

const agent = dataOf(agentJsonSchema);
const number = dataOf(phoneNumberJsonSchema);

export const workspaceOperations = [
  op({ method: "GET", path: "/api/v1/agents", tag: "Agents", summary: "List agents", description: "Newest first, a page at a time.", auth: "session+key", query: pageQuerySchema, response: { status: 200, description: "A page of agents", schema: pageOf(agentJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/agents", tag: "Agents", summary: "Create an agent", auth: "session+key", adminOnly: true, body: agentCreateSchema, response: { status: 201, description: "The new agent", schema: agent }, errors: ["QUOTA_EXCEEDED", "VOICE_NOT_FOUND"] }),
  op({ method: "GET", path: "/api/v1/agents/{id}", tag: "Agents", summary: "Get an agent", auth: "session+key", params: idParams, response: { status: 200, description: "The agent", schema: agent } }),
  op({ method: "PATCH", path: "/api/v1/agents/{id}", tag: "Agents", summary: "Update an agent", description: "Only the fields sent change.", auth: "session+key", adminOnly: true, params: idParams, body: agentUpdateSchema, response: { status: 200, description: "The updated agent", schema: agent }, errors: ["VOICE_NOT_FOUND"] }),
  op({ method: "DELETE", path: "/api/v1/agents/{id}", tag: "Agents", summary: "Delete an agent", description: "Its numbers stay, unassigned.", auth: "session+key", adminOnly: true, params: idParams, response: { status: 204, description: "Deleted" } }),
  op({ method: "POST", path: "/api/v1/agents/{id}/duplicate", tag: "Agents", summary: "Duplicate an agent", auth: "session+key", adminOnly: true, params: idParams, response: { status: 201, description: "The copy", schema: agent }, errors: ["QUOTA_EXCEEDED"] }),
  op({ method: "POST", path: "/api/v1/agents/{id}/test-call", tag: "Agents", summary: "Start a browser test call or chat", description: "Returns a short-lived token for the voice server's browser socket.", auth: "session", params: idParams, body: testCallInput, response: { status: 201, description: "The call and its socket token", schema: dataOf(z.object({ callId: z.string(), token: z.string(), url: z.string() })) }, errors: ["AGENT_DISABLED", "LINES_BUSY"] }),

  op({ method: "GET", path: "/api/v1/phone-numbers", tag: "Phone numbers", summary: "List phone numbers", description: "Newest first, a page at a time.", auth: "session+key", query: pageQuerySchema, response: { status: 200, description: "A page of numbers", schema: pageOf(phoneNumberJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/phone-numbers", tag: "Phone numbers", summary: "Add a simulated number", description: "Without Twilio only; with Twilio, buy or import.", auth: "session+key", adminOnly: true, body: phoneNumberCreateSchema, response: { status: 201, description: "The new number", schema: number }, errors: ["PHONE_NUMBER_TAKEN", "QUOTA_EXCEEDED", "CONFLICT"] }),
  op({ method: "GET", path: "/api/v1/phone-numbers/{id}", tag: "Phone numbers", summary: "Get a phone number", auth: "session+key", params: idParams, response: { status: 200, description: "The number", schema: number } }),
  op({ method: "PATCH", path: "/api/v1/phone-numbers/{id}", tag: "Phone numbers", summary: "Relabel or route a number to an agent", auth: "session+key", adminOnly: true, params: idParams, body: phoneNumberUpdateSchema, response: { status: 200, description: "The updated number", schema: number } }),
  op({ method: "DELETE", path: "/api/v1/phone-numbers/{id}", tag: "Phone numbers", summary: "Remove a number", description: "A provisioned number is released at Twilio too.", auth: "session+key", adminOnly: true, params: idParams, response: { status: 204, description: "Removed" } }),
  op({ method: "GET", path: "/api/v1/phone-numbers/available", tag: "Phone numbers", summary: "Search numbers to buy (Twilio)", auth: "session+key", adminOnly: true, query: availableNumbersQuerySchema, response: { status: 200, description: "Numbers on offer", schema: dataOf(z.array(availableNumberJsonSchema)) }, errors: ["CONFLICT"] }),
  op({ method: "POST", path: "/api/v1/phone-numbers/buy", tag: "Phone numbers", summary: "Buy a number (Twilio)", auth: "session+key", adminOnly: true, body: phoneNumberProvisionSchema, response: { status: 201, description: "The bought number", schema: number }, errors: ["QUOTA_EXCEEDED", "PHONE_NUMBER_TAKEN", "CONFLICT"] }),
  op({ method: "POST", path: "/api/v1/phone-numbers/import", tag: "Phone numbers", summary: "Import a number the Twilio account owns", auth: "session+key", adminOnly: true, body: phoneNumberProvisionSchema, response: { status: 201, description: "The imported number", schema: number }, errors: ["QUOTA_EXCEEDED", "PHONE_NUMBER_TAKEN", "CONFLICT"] }),
  op({ method: "GET", path: "/api/v1/phone-numbers/provider", tag: "Phone numbers", summary: "Which telephony provider serves numbers", auth: "session+key", response: { status: 200, description: "local or twilio", schema: dataOf(z.object({ telephony: z.string() })) } }),

  op({ method: "GET", path: "/api/v1/voices", tag: "Voices", summary: "List the voices agents can speak with", auth: "session+key", response: { status: 200, description: "Voices", schema: dataOf(z.array(voiceJsonSchema)) } }),
  op({ method: "POST", path: "/api/v1/voices/{id}/preview", tag: "Voices", summary: "Hear a voice", description: "Speaks `text` (or a sample line). `model` picks the ElevenLabs model it is spoken with (one of the agent's TTS models; absent = the server's default; local voices ignore it); any other value is 422 VALIDATION_FAILED on `model`.", auth: "session+key", params: z.object({ id: z.string().min(1).max(200) }), body: previewRequestSchema, response: { status: 200, description: "8 kHz 16-bit mono WAV", contentType: "audio/wav" }, errors: ["VOICE_NOT_FOUND"] }),
];
