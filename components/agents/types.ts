// The agent as the REST API returns it (GET /api/v1/agents[/:id]).
import type { AFTER_HOURS_ACTIONS, AGENT_TOOLS, Weekday } from "@/lib/agents/options";
import type { AgentJson } from "@/lib/agents/serialize";

export type AgentToolValue = (typeof AGENT_TOOLS)[number]["value"];
export type AfterHoursActionValue = (typeof AFTER_HOURS_ACTIONS)[number]["value"];
export type OpeningPeriod = { open: string; close: string };
export type BusinessHoursJson = Record<Weekday, OpeningPeriod[]>;

export type Agent = AgentJson;
