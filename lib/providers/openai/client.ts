// One OpenAI SDK client per process and purpose, pointed at OPENAI_BASE_URL when set (any
// OpenAI-compatible server, and the local fake in tests). The SDK's own retries are off for chat: the
// responder's fault policy owns retries there, under a time budget a caller on the line can bear.
import OpenAI from "openai";
import type { Env } from "../../env";

export interface OpenAiClientOptions {
  apiKey: string;
  baseURL?: string;
  /** SDK-level retries (with its backoff); 0 where the caller applies its own policy. */
  maxRetries?: number;
  timeoutMs?: number;
}

export function createOpenAiClient(opts: OpenAiClientOptions): OpenAI {
  return new OpenAI({
    apiKey: opts.apiKey,
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    maxRetries: opts.maxRetries ?? 0,
    timeout: opts.timeoutMs ?? 60_000,
  });
}

/** The key and base URL from the environment; selection.ts already refused "openai" without a key. */
export function openAiClientOptions(env: Pick<Env, "OPENAI_API_KEY" | "OPENAI_BASE_URL">): OpenAiClientOptions {
  if (!env.OPENAI_API_KEY) throw new Error("OPENAI_API_KEY is not set");
  return { apiKey: env.OPENAI_API_KEY, ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}) };
}
