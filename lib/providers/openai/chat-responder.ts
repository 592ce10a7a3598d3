// The OpenAI responder: streamed Chat Completions with function tools, the agent's model and
// temperature, and a fault policy that keeps the caller from sitting in silence.
//
// Fault policy, per respond() (one model round of a reply):
//   1st fault → retry the same model, but only if nothing was yielded yet (words already handed to the
//               engine are never repeated); 4xx other than 408/409/429 skip the retry;
//   next      → LLM_FALLBACK_MODEL, if set and different;
//   then      → give up: a "fault" event with action "apology", then LlmUnavailableError, on which the
//               session speaks its apology and counts the failure (3 in a row end the call with PROVIDER_ERROR).
// Time budget: the first attempt waits up to LLM_FIRST_TOKEN_TIMEOUT_MS (2.5 s) for its first token.
// Everything after the first fault shares RECOVERY_BUDGET_MS (1.5 s): the retry gets half of it when a
// fallback model follows (all of it otherwise), the fallback what is left (skipped below 250 ms). So
// the apology starts at most 1.5 s after the fault, plus its TTS first byte: within the 2 s promised.
import type OpenAI from "openai";
import { expectedCallerPhrases } from "../responder/local/caller-phrases";
import type { AgentProfile, Responder, ResponderEvent, ResponderProvider, RespondRequest } from "../responder/types";
import { LlmFault, streamChatAttempt } from "./chat-stream";
import { toOpenAiMessages, toOpenAiTools } from "./messages";

export const RECOVERY_BUDGET_MS = 1500;
const MIN_ATTEMPT_MS = 250;

export interface OpenAiResponderOptions {
  client: OpenAI;
  firstTokenTimeoutMs: number;
  fallbackModel?: string;
  /** Time allowed for retry + fallback after the first fault (tests shorten it). */
  recoveryBudgetMs?: number;
  /** Monotonic ms; real time, since the far end is a real socket. */
  now?: () => number;
}

/** Every attempt failed: the session apologises (its catch) and counts the failure. */
export class LlmUnavailableError extends Error {
  constructor(readonly fault: LlmFault) {
    super(`LLM unavailable: ${fault.message}`);
    this.name = "LlmUnavailableError";
  }
}

type Stage = "first" | "retry" | "fallback";
type Action = "retry" | "fallback_model" | "apology";

class OpenAiChatResponder implements Responder {
  private readonly budget: number;
  private readonly now: () => number;

  constructor(private readonly opts: OpenAiResponderOptions) {
    this.budget = opts.recoveryBudgetMs ?? RECOVERY_BUDGET_MS;
    this.now = opts.now ?? (() => performance.now());
  }

  async *respond(req: RespondRequest): AsyncIterable<ResponderEvent> {
    if (req.signal.aborted) return;
    const messages = toOpenAiMessages(req);
    const tools = toOpenAiTools(req.tools);
    const { profile } = req;
    const fallback = this.opts.fallbackModel && this.opts.fallbackModel !== profile.llmModel ? this.opts.fallbackModel : undefined;
    let stage: Stage = "first";
    let deadline = Infinity; // set at the first fault
    let yielded = false;
    // Time to first token from the first request, retries included: a provider fault is provider time.
    const requestedAt = this.now();
    let reported = false;
    const onFirstDelta = () => {
      if (reported) return;
      reported = true;
      req.onFirstToken?.(this.now() - requestedAt);
    };
    for (;;) {
      const model = stage === "fallback" && fallback ? fallback : profile.llmModel;
      const left = deadline - this.now();
      const share = stage === "retry" && fallback ? left / 2 : left;
      const firstTokenTimeoutMs = Math.max(1, Math.round(Math.min(this.opts.firstTokenTimeoutMs, share)));
      try {
        const attempt = streamChatAttempt(this.opts.client, { model, temperature: profile.temperature, messages, tools, firstTokenTimeoutMs, signal: req.signal, onFirstDelta });
        for await (const ev of attempt) {
          if (ev.type !== "usage") yielded = true;
          // The fallback model's tokens are priced at its own price (UsageRecord.model).
          yield ev.type === "usage" && model !== profile.llmModel ? { ...ev, model } : ev;
        }
        return;
      } catch (error) {
        if (req.signal.aborted) return;
        if (!(error instanceof LlmFault)) throw error;
        if (deadline === Infinity) deadline = this.now() + this.budget;
        const action = this.nextAction(stage, error, yielded, fallback, deadline - this.now());
        yield { type: "fault", provider: "openai", capability: "llm", error: `${model}: ${error.message}`, action };
        if (action === "apology") throw new LlmUnavailableError(error);
        stage = action === "retry" ? "retry" : "fallback";
      }
    }
  }

  private nextAction(stage: Stage, fault: LlmFault, yielded: boolean, fallback: string | undefined, left: number): Action {
    if (yielded || left < MIN_ATTEMPT_MS) return "apology";
    if (stage === "first" && fault.retryable) return "retry";
    if (stage !== "fallback" && fallback) return "fallback_model";
    return "apology";
  }
}

export function createOpenAiResponderProvider(opts: OpenAiResponderOptions): ResponderProvider {
  return {
    name: "openai",
    create(_profile: AgentProfile): Responder {
      return new OpenAiChatResponder(opts);
    },
    // The callers are the same whoever answers them: the local recogniser still needs their phrases.
    expectedCallerPhrases,
  };
}
