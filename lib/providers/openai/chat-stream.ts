// One streamed Chat Completions request, as responder events: content deltas as they arrive, tool calls
// once their argument pieces are assembled (at the end of the stream), token usage from the last chunk
// (stream_options.include_usage). Anything that is not a complete answer is an LlmFault: no first
// token in time, an HTTP error, a stream that stalls or ends before its finish_reason.
import OpenAI from "openai";
import type { ChatCompletionCreateParamsStreaming } from "openai/resources/chat/completions";
import type { ResponderEvent, ToolName } from "../responder/types";
import { parseToolArgs } from "./messages";

export type LlmFaultKind = "first_token_timeout" | "stalled" | "http" | "connection" | "dropped";

export class LlmFault extends Error {
  constructor(
    readonly kind: LlmFaultKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "LlmFault";
  }

  /** Worth asking the same model again: time-outs, drops, rate limits and server errors. */
  get retryable(): boolean {
    if (this.kind !== "http") return true;
    const s = this.status ?? 0;
    return s === 408 || s === 409 || s === 429 || s >= 500;
  }
}

export interface ChatAttempt {
  model: string;
  temperature: number;
  messages: ChatCompletionCreateParamsStreaming["messages"];
  tools: ChatCompletionCreateParamsStreaming["tools"];
  /** No meaningful delta within this long (first, and between chunks) → fault. */
  firstTokenTimeoutMs: number;
  signal: AbortSignal;
  /** The first content or tool-call delta arrived (the provider's time to first token ends here). */
  onFirstDelta?(): void;
}

interface PendingCall {
  id: string;
  name: string;
  args: string;
}


function faultOf(error: unknown): LlmFault {
  if (error instanceof LlmFault) return error;
  if (error instanceof OpenAI.APIConnectionError) return new LlmFault("connection", error.message);
  if (error instanceof OpenAI.APIError && error.status !== undefined) return new LlmFault("http", `${error.status} ${error.message}`, error.status);
  return new LlmFault("dropped", error instanceof Error ? error.message : String(error));
}

/** Streams one attempt. Returns quietly when `signal` aborts (the caller barged in); throws LlmFault otherwise. */
export async function* streamChatAttempt(client: OpenAI, a: ChatAttempt): AsyncGenerator<ResponderEvent> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  a.signal.addEventListener("abort", onAbort, { once: true });
  let timedOut: LlmFault | null = null;
  let timer: NodeJS.Timeout | undefined;
  const arm = (kind: "first_token_timeout" | "stalled") => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = new LlmFault(kind, kind === "stalled" ? `stream stalled for ${a.firstTokenTimeoutMs} ms` : `no first token within ${a.firstTokenTimeoutMs} ms`);
      controller.abort();
    }, a.firstTokenTimeoutMs);
  };
  arm("first_token_timeout");
  const calls: PendingCall[] = [];
  let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
  let finished = false;
  let firstDelta = false;
  let drained = false;
  try {
    const params: ChatCompletionCreateParamsStreaming = {
      model: a.model,
      temperature: a.temperature,
      messages: a.messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(a.tools?.length ? { tools: a.tools } : {}),
    };
    const stream = await client.chat.completions.create(params, { signal: controller.signal });
    for await (const chunk of stream) {
      if (a.signal.aborted) return; // chunks already buffered are not the caller's any more
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      const content = choice.delta?.content;
      const toolDeltas = choice.delta?.tool_calls;
      if (content || toolDeltas?.length) {
        if (!firstDelta) {
          firstDelta = true;
          a.onFirstDelta?.();
        }
        arm("stalled");
      }
      if (content) yield { type: "text", delta: content };
      for (const d of toolDeltas ?? []) {
        const call = (calls[d.index] ??= { id: "", name: "", args: "" });
        if (d.id) call.id = d.id;
        if (d.function?.name) call.name += d.function.name;
        if (d.function?.arguments) call.args += d.function.arguments;
      }
      // Usage comes in a chunk of its own after the finish_reason: keep reading until [DONE].
      if (choice.finish_reason) finished = true;
    }
    drained = true;
  } catch (error) {
    if (a.signal.aborted) return;
    throw timedOut ?? faultOf(error);
  } finally {
    clearTimeout(timer);
    a.signal.removeEventListener("abort", onAbort);
    // A consumer that stops early must not leave the request open; a stream read to its end has
    // closed it (aborting anyway cost a DOMException with its stack per reply, measured at 200 calls).
    if (!drained) controller.abort();
  }
  // The SDK ends an aborted stream without throwing: our own timer is the only way to tell.
  if (a.signal.aborted) return;
  // A stall after the finish_reason only costs the usage chunk: the answer itself is complete.
  if (timedOut && !finished) throw timedOut;
  if (!finished) throw new LlmFault("dropped", "stream ended before a finish_reason");
  for (const [i, c] of calls.entries()) {
    if (c?.name) yield { type: "tool_call", id: c.id || `call_${i}`, name: c.name as ToolName, args: parseToolArgs(c.args) };
  }
  if (usage) yield { type: "usage", inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
}
