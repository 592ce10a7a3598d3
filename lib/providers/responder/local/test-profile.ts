// Test-only: a dental office profile shared by this folder's tests (never imported by product code).
import type { AgentProfile, ConversationItem, RespondRequest, ToolName, ToolResult } from "../types";
import { localResponderProvider } from "./responder";

const nineToFive = [{ open: "09:00", close: "17:00" }];

export function dentalProfile(over: Partial<AgentProfile> = {}): AgentProfile {
  return {
    agentId: "agent_1",
    tenantId: "tenant_1",
    businessName: "Bright Smile Dental",
    agentName: "Ava",
    greeting: "Thanks for calling Bright Smile Dental, this is Ava. How can I help?",
    systemPrompt: "",
    language: "en-US",
    voiceId: "en-us",
    llmModel: "gpt-4o-mini",
    temperature: 0.3,
    timezone: "America/New_York",
    businessHours: {
      monday: nineToFive,
      tuesday: nineToFive,
      wednesday: [
        { open: "09:00", close: "12:00" },
        { open: "13:00", close: "17:00" },
      ],
      thursday: nineToFive,
      friday: nineToFive,
      saturday: [{ open: "09:00", close: "13:00" }],
      sunday: [],
    },
    address: "12 Main Street, Springfield",
    services: ["teeth cleaning", "teeth whitening", "dental implants"],
    faq: [
      { question: "Do you accept insurance?", answer: "Yes, we accept most major dental insurance plans." },
      { question: "Is there parking?", answer: "Yes, there is free parking behind the building." },
      { question: "Are you open on public holidays?", answer: "We're closed on public holidays." },
    ],
    knowledgePhrases: [],
    transferPhoneNumber: "+15550100002",
    afterHoursMessage: null,
    silenceTimeoutSec: 10,
    maxCallDurationSec: 600,
    tools: ["take_message", "transfer_call", "end_call"],
    ...over,
  };
}

export interface AgentTurn {
  text: string;
  calls: { id: string; name: ToolName; args: Record<string, unknown> }[];
}

/**
 * Drives a responder like the engine does: caller turn → respond(); tool calls are answered by
 * `toolResult` and respond() is called again with the results appended, until a reply has no calls.
 */
export function scriptedCall(opts: {
  profile?: AgentProfile;
  mode?: RespondRequest["mode"];
  now?: Date;
  toolResult?: (name: ToolName, args: Record<string, unknown>) => ToolResult;
  /** RespondRequest.hearsNames (absent: the recogniser can take down names). */
  hearsNames?: boolean;
}) {
  const profile = opts.profile ?? dentalProfile();
  const history: ConversationItem[] = [{ role: "agent", text: profile.greeting }];
  const responder = localResponderProvider.create(profile);
  const tools = profile.tools.map((name) => ({ name, description: name, parameters: {} }));
  const toolResult = opts.toolResult ?? (() => ({ ok: true }));

  async function run(): Promise<AgentTurn[]> {
    const rounds: AgentTurn[] = [];
    for (let i = 0; i < 4; i++) {
      const turn: AgentTurn = { text: "", calls: [] };
      const req = { profile, mode: opts.mode ?? "normal", history, tools, now: opts.now ?? new Date("2026-03-09T15:00:00Z"), hearsNames: opts.hearsNames, signal: new AbortController().signal } as const;
      for await (const e of responder.respond(req)) {
        if (e.type === "text") turn.text += e.delta;
        else if (e.type === "tool_call") turn.calls.push({ id: e.id, name: e.name, args: e.args });
      }
      rounds.push(turn);
      if (turn.text) history.push({ role: "agent", text: turn.text });
      if (turn.calls.length === 0) break;
      for (const c of turn.calls) {
        history.push({ role: "tool_call", id: c.id, name: c.name, args: c.args });
        history.push({ role: "tool_result", id: c.id, name: c.name, result: toolResult(c.name, c.args) });
      }
    }
    return rounds;
  }

  return {
    history,
    /**
     * The caller says `text`; returns every round of the agent's reply (one per tool loop). `spokenAt`:
     * where in the call it was said, as the engine gives it for a spoken turn (absent: typed).
     */
    async say(text: string, understood = true, spokenAt?: { startMs: number; endMs: number }): Promise<AgentTurn[]> {
      history.push({ role: "caller", text, understood, ...spokenAt });
      return run();
    },
    async event(text: string): Promise<AgentTurn[]> {
      history.push({ role: "event", text });
      return run();
    },
  };
}

export const spoken = (rounds: AgentTurn[]) => rounds.map((r) => r.text).filter(Boolean).join(" ");
export const calls = (rounds: AgentTurn[]) => rounds.flatMap((r) => r.calls);
