// The agent as the REST API returns it (GET /api/v1/agents[/:id]).
import type { AFTER_HOURS_ACTIONS, AGENT_TOOLS, Weekday } from "@/lib/agents/options";

export type AgentToolValue = (typeof AGENT_TOOLS)[number]["value"];
export type AfterHoursActionValue = (typeof AFTER_HOURS_ACTIONS)[number]["value"];
export type OpeningPeriod = { open: string; close: string };
export type BusinessHoursJson = Record<Weekday, OpeningPeriod[]>;

export type Agent = {
  id: string;
  name: string;
  greeting: string;
  systemPrompt: string;
  language: string;
  voiceId: string;
  llmModel: string;
  temperature: number;
  transferPhoneNumber: string | null;
  timezone: string;
  businessHours: BusinessHoursJson;
  afterHoursAction: AfterHoursActionValue;
  afterHoursMessage: string | null;
  maxCallDurationSec: number;
  silenceTimeoutSec: number;
  tools: AgentToolValue[];
  enabled: boolean;
  phoneNumbers: { id: string; e164: string }[];
  createdAt: string;
  updatedAt: string;
};
