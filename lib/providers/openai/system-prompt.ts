// The system message of a call: the agent's own prompt, then the business facts the model may state
// (hours said in the agent's time zone, whether it is open right now, address, services, FAQ), the
// after-hours mode, and the rules for speaking on the phone and for answering from searched knowledge.
// Facts are rendered as the local responder would say them, so both responders agree on the hours.
import type { AgentProfile, ConversationMode } from "../responder/types";
import { localNow, openNowSentence, weekHoursSentence } from "../responder/local/spoken-time";

const SPOKEN_RULES = [
  "You are on a live phone call; everything you write is read aloud by a speech synthesizer.",
  "Answer in one or two short sentences, then stop or ask one question. Never use lists, markdown, emoji, URLs or abbreviations the caller would not say.",
  "Say numbers, times and prices the way a person would on the phone.",
  "Only state facts about the business that appear in this message or in tool results; never invent prices, hours, names or policies.",
  "When you call search_knowledge, answer only from the passages it returns and mention where the answer comes from in a few words (for example 'our returns policy says...'). If the passages do not answer the question, say you don't know and offer to take a message.",
  "Before calling take_message, collect the caller's name, callback number and message, asking for what is missing one item at a time.",
  "When you call transfer_call or end_call, say a short sentence in the same reply (\"One moment, I'll connect you.\" / \"Thanks for calling, goodbye!\").",
];

// One formatter per time zone: building one costs ~0.1 ms, on every request of a call's turn.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function localDateTime(now: Date, timeZone: string): string {
  const opts: Intl.DateTimeFormatOptions = { weekday: "long", year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" };
  try {
    let format = dateTimeFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat("en-US", { ...opts, timeZone });
      dateTimeFormats.set(timeZone, format);
    }
    return format.format(now);
  } catch {
    return new Intl.DateTimeFormat("en-US", { ...opts, timeZone: "UTC" }).format(now) + " UTC";
  }
}

function businessFacts(profile: AgentProfile, now: Date): string[] {
  const facts = [
    `Business: ${profile.businessName}. You are ${profile.agentName}, its phone receptionist.`,
    `Current local time (${profile.timezone}): ${localDateTime(now, profile.timezone)}.`,
    `Opening hours: ${weekHoursSentence(profile.businessHours)} Right now: ${openNowSentence(profile.businessHours, localNow(now, profile.timezone))}`,
  ];
  if (profile.address) facts.push(`Address: ${profile.address}.`);
  if (profile.services.length) facts.push(`Services: ${profile.services.join("; ")}.`);
  if (profile.faq.length) {
    facts.push("Frequently asked questions (answer these with the given answer):");
    for (const f of profile.faq) facts.push(`Q: ${f.question}\nA: ${f.answer}`);
  }
  return facts;
}

function modeRules(profile: AgentProfile, mode: ConversationMode, hearsNames: boolean): string[] {
  const rules: string[] = [];
  if (!hearsNames && profile.tools.includes("take_message")) {
    rules.push("The caller's speech is transcribed from a fixed vocabulary that cannot take down names: do not ask for the caller's name; use \"Unknown caller\" unless they give it.");
  }
  if (mode === "after_hours_message") {
    rules.push("The office is closed now and nobody can take the call: say so if asked, still answer questions, and offer to take a message. Do not transfer the call.");
    if (profile.afterHoursMessage?.trim()) rules.push(`The business's after-hours message: "${profile.afterHoursMessage.trim()}"`);
  } else if (profile.tools.includes("transfer_call") && profile.transferPhoneNumber) {
    rules.push("If the caller asks for a person, use transfer_call.");
  }
  if (profile.language && !profile.language.toLowerCase().startsWith("en")) rules.push(`Speak in the language of this locale: ${profile.language}.`);
  return rules;
}

/**
 * The whole system message for one request (the time-dependent facts are computed at `now`).
 * `hearsNames` false: the call's recogniser cannot take down a name (RespondRequest.hearsNames).
 */
export function systemPrompt(profile: AgentProfile, mode: ConversationMode, now: Date, hearsNames = true): string {
  const sections = [
    profile.systemPrompt.trim(),
    "## How to speak\n" + SPOKEN_RULES.join("\n"),
    "## Business facts\n" + businessFacts(profile, now).join("\n"),
  ];
  const rules = modeRules(profile, mode, hearsNames);
  if (rules.length) sections.push("## This call\n" + rules.join("\n"));
  return sections.filter(Boolean).join("\n\n");
}
