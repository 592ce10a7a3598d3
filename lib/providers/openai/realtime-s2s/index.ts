// What the voice runtime needs to put a REALTIME agent's call on OpenAI's speech-to-speech model: the
// connection from the environment (no key → none, and the call runs on the cascade) and the usage
// sources such a call is costed with (tokens at gpt-realtime's rates, caller transcription by the
// transcription model; no separate voice).
import type { UsageSources } from "../../../billing/call-cost";
import type { Env } from "../../../env";
import { DEFAULT_S2S_MODEL, S2S_TRANSCRIPTION_MODEL } from "./config";
import type { S2sConnection } from "./line";

export { createRealtimeSession, openRealtimeLine, type RealtimeLine, type S2sConnection } from "./line";
export { REALTIME_VOICES } from "./config";

export type S2sEndpoint = Omit<S2sConnection, "voice">;

export function s2sEndpointFromEnv(env: Pick<Env, "OPENAI_API_KEY" | "OPENAI_BASE_URL">): S2sEndpoint | null {
  if (!env.OPENAI_API_KEY) return null;
  return { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL ?? "https://api.openai.com/v1", model: DEFAULT_S2S_MODEL };
}

export function realtimeUsageSources(sources: UsageSources, model = DEFAULT_S2S_MODEL): UsageSources {
  return {
    ...sources,
    llm: { provider: "openai", model },
    stt: { provider: "openai", model: S2S_TRANSCRIPTION_MODEL },
    tts: { provider: "openai", model },
  };
}
