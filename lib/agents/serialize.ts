// The public JSON shape of an agent (API responses and the dashboard's initial data).
import type { Agent, PhoneNumber } from "../db/generated/client";
import type { BusinessHours } from "./schemas";

export type AgentWithNumbers = Agent & { phoneNumbers: Pick<PhoneNumber, "id" | "e164">[] };

export function toAgentJson(a: AgentWithNumbers) {
  return {
    id: a.id,
    name: a.name,
    greeting: a.greeting,
    systemPrompt: a.systemPrompt,
    language: a.language,
    voiceId: a.voiceId,
    ttsModel: a.ttsModel,
    llmModel: a.llmModel,
    temperature: a.temperature,
    conversationEngine: a.conversationEngine,
    realtimeVoice: a.realtimeVoice,
    transferPhoneNumber: a.transferPhoneNumber,
    address: a.address,
    services: a.services,
    timezone: a.timezone,
    businessHours: a.businessHours as BusinessHours,
    afterHoursAction: a.afterHoursAction,
    afterHoursMessage: a.afterHoursMessage,
    maxCallDurationSec: a.maxCallDurationSec,
    silenceTimeoutSec: a.silenceTimeoutSec,
    tools: a.tools,
    enabled: a.enabled,
    phoneNumbers: a.phoneNumbers.map((p) => ({ id: p.id, e164: p.e164 })),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export type AgentJson = ReturnType<typeof toAgentJson>;
