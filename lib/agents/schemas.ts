// Input schemas for agents: one for create, a partial one for update. Types are inferred from them.
// Every object is strict: an unknown key is a 422 naming it, on create and update alike.
import { z } from "zod";
import { text } from "../http/text";
import { e164Schema } from "../phone-numbers/e164";
import { AFTER_HOURS_ACTIONS, AGENT_TOOLS, CONVERSATION_ENGINES, LANGUAGES, LIMITS, LLM_MODELS, REALTIME_VOICES, TTS_MODELS, WEEKDAYS } from "./options";
import { canonicalTimeZone } from "./time-zones";

const values = <T extends readonly { value: string }[]>(list: T) =>
  list.map((o) => o.value) as unknown as [T[number]["value"], ...T[number]["value"][]];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use HH:MM (24-hour)");

const interval = z
  .strictObject({ open: time, close: time })
  .refine((i) => i.open < i.close, { message: "Closing time must be after opening time", path: ["close"] });

const dayIntervals = z
  .array(interval)
  .max(4, "At most 4 opening periods per day")
  .refine(
    (list) => [...list].sort((a, b) => a.open.localeCompare(b.open)).every((i, n, s) => n === 0 || s[n - 1]!.close <= i.open),
    { message: "Opening periods overlap" },
  );

export const businessHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((d) => [d, dayIntervals])) as Record<(typeof WEEKDAYS)[number], typeof dayIntervals>,
);
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const name = text({ label: "Name", min: 1, max: LIMITS.nameMax });
const greeting = text({ label: "Greeting", min: 1, max: LIMITS.greetingMax, multiline: true });
const systemPrompt = text({ label: "System prompt", min: 1, max: LIMITS.systemPromptMax, multiline: true });
// Only the shape here: whether the configured text-to-speech offers the voice is the service's check,
// because the list comes from the provider (lib/voices/catalog.ts).
const voiceId = text({ label: "Voice id", min: 1, max: 100 });
// Stored under its current IANA name: "Asia/Calcutta" (which ICU still answers with) becomes "Asia/Kolkata".
// One Intl lookup both checks the zone and names it.
const timezone = text({ label: "Time zone", max: 100 }).transform((tz, ctx) => {
  const canonical = canonicalTimeZone(tz);
  if (canonical === null) {
    ctx.addIssue({ code: "custom", message: "Unknown time zone" });
    return z.NEVER;
  }
  return canonical;
});
// Spoken to callers who ask where the business is; several lines are fine ("Suite 200" on its own line).
// Blank is "no address", stored as null like the other optional texts.
const address = text({ label: "Address", max: LIMITS.addressMax, multiline: true })
  .nullable()
  .transform((a) => (a === "" ? null : a));

const serviceKey = (s: string) => s.normalize("NFC").toLowerCase();
// What the business offers, one short phrase each: the agent reads them out and the local recogniser
// learns them as vocabulary, so a duplicate ("Cleanings", "cleanings") is a mistake, not a variant.
const services = z
  .array(text({ label: "Service", min: 1, max: LIMITS.services.maxLength }))
  .max(LIMITS.services.maxCount, `At most ${LIMITS.services.maxCount} services`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      const key = serviceKey(s);
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: `“${s}” is listed twice`, path: [i] });
      seen.add(key);
    });
  });

// One of the listed ElevenLabs models, or null for the voice server's default. The message names them:
// the API's client sees what it may send.
const ttsModel = z.enum(values(TTS_MODELS), { error: `Use one of ${TTS_MODELS.map((m) => m.value).join(", ")}, or null for the default` }).nullable();

const afterHoursMessage = text({ label: "After-hours message", max: LIMITS.afterHoursMessageMax, multiline: true }).nullable();

export const agentCreateSchema = z.strictObject({
  name,
  greeting,
  systemPrompt,
  language: z.enum(values(LANGUAGES)).default("en-US"),
  // Absent: the service picks the configured text-to-speech's first voice for the language.
  voiceId: voiceId.optional(),
  ttsModel: ttsModel.default(null),
  llmModel: z.enum(values(LLM_MODELS)).default("gpt-4o-mini"),
  temperature: z.number().min(LIMITS.temperature.min).max(LIMITS.temperature.max).default(0.4),
  conversationEngine: z.enum(values(CONVERSATION_ENGINES)).default("CASCADE"),
  realtimeVoice: z.enum(REALTIME_VOICES).default("marin"),
  transferPhoneNumber: e164Schema.nullable().default(null),
  address: address.default(null),
  services: services.default([]),
  timezone: timezone.default("UTC"),
  businessHours: businessHoursSchema.default(() => defaultBusinessHours()),
  afterHoursAction: z.enum(values(AFTER_HOURS_ACTIONS)).default("TAKE_MESSAGE"),
  afterHoursMessage: afterHoursMessage.default(null),
  maxCallDurationSec: z.number().int().min(LIMITS.maxCallDurationSec.min).max(LIMITS.maxCallDurationSec.max).default(600),
  silenceTimeoutSec: z.number().int().min(LIMITS.silenceTimeoutSec.min).max(LIMITS.silenceTimeoutSec.max).default(10),
  tools: z
    .array(z.enum(values(AGENT_TOOLS)))
    .transform((t) => [...new Set(t)])
    .default(["KNOWLEDGE_SEARCH", "TAKE_MESSAGE", "END_CALL"]),
  enabled: z.boolean().default(true),
});

/** Cross-field rules shared by create and update (checked on the merged result for updates). */
export function agentRuleIssues(a: {
  tools: readonly string[];
  transferPhoneNumber: string | null;
  afterHoursAction: string;
}): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const needsTransfer = a.tools.includes("TRANSFER_CALL") || a.afterHoursAction === "TRANSFER";
  if (needsTransfer && !a.transferPhoneNumber) {
    issues.push({ path: "transferPhoneNumber", message: "A transfer phone number is required for call transfer" });
  }
  return issues;
}

export const agentUpdateSchema = agentCreateSchema
  .extend({
    // No defaults on update: an absent field is left as it is.
    language: z.enum(values(LANGUAGES)),
    voiceId,
    ttsModel,
    llmModel: z.enum(values(LLM_MODELS)),
    temperature: z.number().min(LIMITS.temperature.min).max(LIMITS.temperature.max),
    conversationEngine: z.enum(values(CONVERSATION_ENGINES)),
    realtimeVoice: z.enum(REALTIME_VOICES),
    transferPhoneNumber: e164Schema.nullable(),
    address,
    services,
    timezone,
    businessHours: businessHoursSchema,
    afterHoursAction: z.enum(values(AFTER_HOURS_ACTIONS)),
    afterHoursMessage,
    maxCallDurationSec: z.number().int().min(LIMITS.maxCallDurationSec.min).max(LIMITS.maxCallDurationSec.max),
    silenceTimeoutSec: z.number().int().min(LIMITS.silenceTimeoutSec.min).max(LIMITS.silenceTimeoutSec.max),
    tools: z.array(z.enum(values(AGENT_TOOLS))).transform((t) => [...new Set(t)]),
    enabled: z.boolean(),
  })
  .partial()
  .strict();

export type AgentCreateInput = z.infer<typeof agentCreateSchema>;
export type AgentUpdateInput = z.infer<typeof agentUpdateSchema>;

export function defaultBusinessHours(): BusinessHours {
  const weekday = [{ open: "09:00", close: "17:00" }];
  return { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday, saturday: [], sunday: [] };
}
