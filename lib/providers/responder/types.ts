// The responder: the "brain" that turns the conversation so far into the agent's next words and tool
// calls. One interface for every implementation: the local rule-based responder (embedded default) and
// the OpenAI chat responder (vendor issue) both stream text deltas and request tools the same way, and
// the engine runs the tools and asks again with the results, exactly like a function-calling LLM loop.
import type { BusinessHours } from "../../agents/schemas";

export type ToolName = "take_message" | "transfer_call" | "end_call" | "search_knowledge";

/** What the engine knows about the agent and the business (loaded once per call). */
export interface AgentProfile {
  agentId: string;
  tenantId: string;
  businessName: string;
  agentName: string;
  greeting: string;
  systemPrompt: string;
  language: string;
  voiceId: string;
  /** The agent's ElevenLabs model (Agent.ttsModel); null/absent = the process default. */
  ttsModel?: string | null;
  llmModel: string;
  temperature: number;
  timezone: string;
  /** Validated business hours; a weekday with [] is closed. */
  businessHours: BusinessHours;
  address: string | null;
  services: string[];
  /** FAQ entries the agent may answer from (its own and the workspace-wide ones); `id` when read from the database. */
  faq: { id?: string; question: string; answer: string }[];
  /**
   * Caller-style phrases about the agent's documents and FAQ (Agent.knowledgePhrases, rebuilt when its
   * knowledge changes): the local recogniser adds them to its grammar so such questions are understood.
   */
  knowledgePhrases: string[];
  transferPhoneNumber: string | null;
  afterHoursMessage: string | null;
  silenceTimeoutSec: number;
  maxCallDurationSec: number;
  /** Tools the agent has enabled (only these are offered). */
  tools: ToolName[];
  /** CASCADE (recogniser → responder → voice) or REALTIME (OpenAI speech-to-speech); absent = CASCADE. */
  conversationEngine?: "CASCADE" | "REALTIME";
  /** The Realtime model's own voice (REALTIME calls only). */
  realtimeVoice?: string;
}

/** DTMF "0" as a responder sees it in history: the caller asks for a human. */
export const HUMAN_REQUEST_EVENT = "caller pressed 0 (asks for a human)";

export type ConversationItem =
  | { role: "agent"; text: string; interrupted?: boolean }
  // startMs/endMs: where the turn was said in the call (ms from its start, the recording's timeline); spoken turns only.
  | { role: "caller"; text: string; understood: boolean; startMs?: number; endMs?: number }
  | { role: "tool_call"; id: string; name: ToolName; args: Record<string, unknown> }
  | { role: "tool_result"; id: string; name: ToolName; result: ToolResult }
  | { role: "event"; text: string }; // e.g. "caller pressed 0", "caller silent 10 s"

export interface ToolResult {
  ok: boolean;
  /** Short, speakable-by-the-model facts (never raw database rows). */
  data?: Record<string, unknown>;
  error?: string;
  /** The argument that was refused, when one was: what a responder asks the caller for again. */
  field?: string;
}

export interface ToolSpec {
  name: ToolName;
  description: string;
  /** JSON Schema of the arguments (what an LLM is shown). */
  parameters: Record<string, unknown>;
}

/** How the agent answers this call: as usual, or closed and steering toward a message. */
export type ConversationMode = "normal" | "after_hours_message";

export interface RespondRequest {
  profile: AgentProfile;
  /** Call-level mode: "normal", or "after_hours_message" (say the office is closed, still answer, offer a message). */
  mode: ConversationMode;
  history: readonly ConversationItem[];
  tools: readonly ToolSpec[];
  /** The current time (for "are you open now", "today"). */
  now: Date;
  /**
   * false: the caller is heard through a recogniser that only knows the phrases it was given (SttStream
   * closedVocabulary): it cannot take down a name (asking for one only costs the caller two turns) nor a
   * message in the caller's own words (the responder keeps where it was said instead). Absent: it can.
   */
  hearsNames?: boolean;
  signal: AbortSignal;
  /**
   * Time to first token measured at the provider boundary (request sent → first delta received; retries
   * included, prompt building excluded), reported once per respond() by responders that call a model.
   * Absent: the engine measures respond() → first text itself.
   */
  onFirstToken?(providerMs: number): void;
}

export type ResponderEvent =
  | { type: "text"; delta: string }
  | { type: "tool_call"; id: string; name: ToolName; args: Record<string, unknown> }
  // model: set when the tokens were not the agent's model's (the fallback model answered).
  | { type: "usage"; inputTokens: number; outputTokens: number; model?: string }
  // A provider failure the responder handled (retry, fallback model) or gives up on ("apology", then it
  // throws): the session records it as a "provider.fault" CallEvent.
  | { type: "fault"; provider: string; capability: "llm"; error: string; action: "retry" | "fallback_model" | "apology" };

/** One per call (it may keep dialogue state between turns, e.g. the take-message form). */
export interface Responder {
  /** Streams the next agent reply. Ends when the reply is complete; stops promptly on abort. */
  respond(req: RespondRequest): AsyncIterable<ResponderEvent>;
}

export interface ResponderProvider {
  readonly name: string;
  create(profile: AgentProfile): Responder;
  /** Sentences the callers of this agent are expected to say (feeds SttContext.phrases). */
  expectedCallerPhrases?(profile: AgentProfile): string[];
}
