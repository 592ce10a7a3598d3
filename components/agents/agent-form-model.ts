// The agent form's state and its mapping to and from the API: a draft holds what the inputs show
// (strings for numbers, "" for null), a payload is what the API takes. Pure functions, no React.
import { AGENT_TOOLS, LIMITS, WEEKDAYS } from "@/lib/agents/options";
import { agentCreateSchema, agentRuleIssues, defaultBusinessHours } from "@/lib/agents/schemas";
import { normalizePhoneInput } from "@/lib/phone-numbers/e164";
import type { AfterHoursActionValue, Agent, AgentToolValue, BusinessHoursJson, OpeningPeriod } from "./types";

/** Field path (as the API names it, e.g. "businessHours.monday.0.close") → message. */
export type FieldErrors = Record<string, string>;

export type AgentDraft = {
  name: string;
  enabled: boolean;
  language: string;
  voiceId: string;
  /** "" = the voice server's default model. */
  ttsModel: string;
  llmModel: string;
  temperature: string;
  conversationEngine: Agent["conversationEngine"];
  realtimeVoice: string;
  greeting: string;
  systemPrompt: string;
  timezone: string;
  businessHours: BusinessHoursJson;
  afterHoursAction: AfterHoursActionValue;
  afterHoursMessage: string;
  maxCallMinutes: string;
  maxCallSeconds: string;
  silenceTimeoutSec: string;
  transferPhoneNumber: string;
  address: string;
  /** One service per line, as the textarea shows them. */
  services: string;
  tools: AgentToolValue[];
};

/** What the API takes: every setting of an agent, none of its bookkeeping. */
export type AgentPayload = Omit<Agent, "id" | "phoneNumbers" | "createdAt" | "updatedAt">;

// A time input cannot show "24:00"; a closing time of 00:00 can only mean midnight at the end of the day.
const MIDNIGHT_END = "24:00";
const toInputTime = (t: string) => (t === MIDNIGHT_END ? "00:00" : t);
const toApiClose = (t: string) => (t === "00:00" ? MIDNIGHT_END : t);

function normalizeHours(hours: Partial<BusinessHoursJson> | undefined, map: (p: OpeningPeriod) => OpeningPeriod): BusinessHoursJson {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, (hours?.[day] ?? []).map(map)])) as BusinessHoursJson;
}

const TOOL_ORDER = AGENT_TOOLS.map((t) => t.value) as AgentToolValue[];
const sortTools = (tools: readonly AgentToolValue[]) => TOOL_ORDER.filter((t) => tools.includes(t));

export function draftFromAgent(agent: Agent): AgentDraft {
  return {
    name: agent.name,
    enabled: agent.enabled,
    language: agent.language,
    voiceId: agent.voiceId,
    ttsModel: agent.ttsModel ?? "",
    llmModel: agent.llmModel,
    temperature: String(agent.temperature),
    conversationEngine: agent.conversationEngine,
    realtimeVoice: agent.realtimeVoice,
    greeting: agent.greeting,
    systemPrompt: agent.systemPrompt,
    timezone: agent.timezone,
    businessHours: normalizeHours(agent.businessHours, (p) => ({ open: p.open, close: toInputTime(p.close) })),
    afterHoursAction: agent.afterHoursAction,
    afterHoursMessage: agent.afterHoursMessage ?? "",
    maxCallMinutes: String(Math.floor(agent.maxCallDurationSec / 60)),
    maxCallSeconds: String(agent.maxCallDurationSec % 60),
    silenceTimeoutSec: String(agent.silenceTimeoutSec),
    transferPhoneNumber: agent.transferPhoneNumber ?? "",
    address: agent.address ?? "",
    services: agent.services.join("\n"),
    tools: sortTools(agent.tools),
  };
}

/** A sensible starting point for a new agent, in the business's own name. */
export function newAgentDraft(businessName: string): AgentDraft {
  return {
    name: "",
    enabled: true,
    language: "en-US",
    voiceId: "local-en-us-1",
    ttsModel: "",
    llmModel: "gpt-4o-mini",
    temperature: "0.4",
    conversationEngine: "CASCADE",
    realtimeVoice: "marin",
    greeting: `Thank you for calling ${businessName}. How can I help you today?`,
    systemPrompt: [
      `You are the friendly, professional receptionist for ${businessName}.`,
      "Answer callers' questions briefly and accurately. If you do not know the answer, say so and offer to take a message.",
      "Never make up prices, availability or policies.",
    ].join("\n\n"),
    timezone: "UTC",
    businessHours: defaultBusinessHours(),
    afterHoursAction: "TAKE_MESSAGE",
    afterHoursMessage: "",
    maxCallMinutes: "10",
    maxCallSeconds: "0",
    silenceTimeoutSec: "10",
    transferPhoneNumber: "",
    address: "",
    services: "",
    tools: ["KNOWLEDGE_SEARCH", "TAKE_MESSAGE", "END_CALL"],
  };
}

function parseNumber(raw: string): number {
  const text = raw.trim();
  return text === "" ? Number.NaN : Number(text);
}

const isInt = (n: number) => Number.isInteger(n);

/** The textarea's lines as the API's list: blank lines are spacing, not services. */
export function servicesFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Builds the API payload. Numbers that do not parse become NaN (and are reported by validateDraft). */
export function toPayload(draft: AgentDraft): AgentPayload {
  const minutes = parseNumber(draft.maxCallMinutes);
  const seconds = draft.maxCallSeconds.trim() === "" ? 0 : parseNumber(draft.maxCallSeconds);
  const transfer = normalizePhoneInput(draft.transferPhoneNumber);
  const afterHoursMessage = draft.afterHoursMessage.trim();
  const address = draft.address.trim();
  return {
    name: draft.name.trim(),
    greeting: draft.greeting.trim(),
    systemPrompt: draft.systemPrompt.trim(),
    language: draft.language,
    voiceId: draft.voiceId.trim(),
    ttsModel: draft.ttsModel === "" ? null : draft.ttsModel,
    llmModel: draft.llmModel,
    temperature: parseNumber(draft.temperature),
    conversationEngine: draft.conversationEngine,
    realtimeVoice: draft.realtimeVoice,
    transferPhoneNumber: transfer === "" ? null : transfer,
    address: address === "" ? null : address,
    services: servicesFromText(draft.services),
    timezone: draft.timezone,
    businessHours: normalizeHours(draft.businessHours, (p) => ({ open: p.open, close: toApiClose(p.close) })),
    afterHoursAction: draft.afterHoursAction,
    afterHoursMessage: afterHoursMessage === "" ? null : afterHoursMessage,
    maxCallDurationSec: minutes * 60 + seconds,
    silenceTimeoutSec: parseNumber(draft.silenceTimeoutSec),
    tools: sortTools(draft.tools),
    enabled: draft.enabled,
  };
}

/** Client-side validation with the API's own schema, plus friendlier messages for numbers. */
export function validateDraft(draft: AgentDraft): { payload: AgentPayload; errors: FieldErrors } {
  const payload = toPayload(draft);
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => {
    const key = normalizeErrorPath(path);
    if (!errors[key]) errors[key] = message;
  };

  const t = payload.temperature;
  if (!(t >= LIMITS.temperature.min && t <= LIMITS.temperature.max)) {
    add("temperature", `Enter a temperature between ${LIMITS.temperature.min} and ${LIMITS.temperature.max}`);
  }
  const minutes = parseNumber(draft.maxCallMinutes);
  const seconds = draft.maxCallSeconds.trim() === "" ? 0 : parseNumber(draft.maxCallSeconds);
  const { min, max } = LIMITS.maxCallDurationSec;
  if (!isInt(minutes) || !isInt(seconds) || minutes < 0 || seconds < 0 || seconds > 59) {
    add("maxCallDurationSec", "Enter whole minutes, and seconds from 0 to 59");
  } else if (payload.maxCallDurationSec < min || payload.maxCallDurationSec > max) {
    add("maxCallDurationSec", `Must be between ${min / 60} and ${max / 60} minutes`);
  }
  const silence = payload.silenceTimeoutSec;
  if (!isInt(silence) || silence < LIMITS.silenceTimeoutSec.min || silence > LIMITS.silenceTimeoutSec.max) {
    add("silenceTimeoutSec", `Enter whole seconds from ${LIMITS.silenceTimeoutSec.min} to ${LIMITS.silenceTimeoutSec.max}`);
  }
  if (!payload.voiceId) add("voiceId", "Choose a voice");
  if ((payload.afterHoursMessage ?? "").length > LIMITS.afterHoursMessageMax) {
    add("afterHoursMessage", `After-hours message must be at most ${LIMITS.afterHoursMessageMax} characters`);
  }
  for (const day of WEEKDAYS) {
    payload.businessHours[day].forEach((period, i) => {
      if (!period.open) add(`businessHours.${day}.${i}.open`, "Enter an opening time");
      if (!period.close) add(`businessHours.${day}.${i}.close`, "Enter a closing time");
    });
  }

  const parsed = agentCreateSchema.safeParse(payload);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(issue.path.map(String).join("."), issue.message);
  }
  for (const issue of agentRuleIssues(payload)) add(issue.path, issue.message);
  return { payload, errors };
}

/** The top-level fields whose values differ: what a PATCH should send. */
export function changedFields(next: AgentPayload, base: AgentPayload): Partial<AgentPayload> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof AgentPayload)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(base[key])) changes[key] = next[key];
  }
  return changes as Partial<AgentPayload>;
}

// Paths the form shows next to an input; anything else is shown at the top of the form.
const SHOWN = [
  /^(name|enabled|language|voiceId|ttsModel|llmModel|temperature|conversationEngine|realtimeVoice|greeting|systemPrompt|timezone)$/,
  /^(afterHoursAction|afterHoursMessage|maxCallDurationSec|silenceTimeoutSec|transferPhoneNumber|tools|address|services)$/,
  /^businessHours(\.(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(\.\d+(\.(open|close))?)?)?$/,
];

/** "tools.2" → "tools", "services.3" → "services": errors on list items show against the list. */
export function normalizeErrorPath(path: string): string {
  return path.replace(/^(tools|services)\.\d+$/, "$1");
}

export function isShownField(path: string): boolean {
  return SHOWN.some((re) => re.test(path));
}
