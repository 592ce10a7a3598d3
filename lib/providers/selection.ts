// Which provider serves each capability, decided once from the environment. Each capability picks on
// its own (LLM_PROVIDER, STT_PROVIDER, TTS_PROVIDER, EMBEDDINGS_PROVIDER), so a business can mix, e.g.
// OpenAI's LLM with the local recogniser. Unset → the vendor whose key is set, else the local one. A
// name that does not exist, or a vendor named without its key, fails at start naming the variable
// instead of silently running on something else. Telephony REST (hang-up, transfer, numbers) is Twilio's
// when both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set.
import type { Env } from "../env";

export const LLM_PROVIDERS = ["openai", "local"] as const;
export const STT_PROVIDERS = ["openai", "local"] as const;
export const TTS_PROVIDERS = ["elevenlabs", "local"] as const;
export const EMBEDDINGS_PROVIDERS = ["openai", "none"] as const;

export type LlmProviderName = (typeof LLM_PROVIDERS)[number];
export type SttProviderName = (typeof STT_PROVIDERS)[number];
export type TtsProviderName = (typeof TTS_PROVIDERS)[number];
export type EmbeddingsProviderName = (typeof EMBEDDINGS_PROVIDERS)[number];

export interface ProviderSelection {
  llm: LlmProviderName;
  stt: SttProviderName;
  tts: TtsProviderName;
  embeddings: EmbeddingsProviderName;
  /** "twilio": the REST API acts on calls and numbers; "local": simulated numbers only. */
  telephony: "twilio" | "local";
}

export class ProviderConfigError extends Error {
  constructor(
    readonly code: "PROVIDER_UNSUPPORTED" | "PROVIDER_KEY_MISSING",
    message: string,
  ) {
    super(message);
    this.name = "ProviderConfigError";
  }
}

type SelectionEnv = Pick<
  Env,
  "LLM_PROVIDER" | "STT_PROVIDER" | "TTS_PROVIDER" | "EMBEDDINGS_PROVIDER" | "OPENAI_API_KEY" | "ELEVENLABS_API_KEY" | "TWILIO_ACCOUNT_SID" | "TWILIO_AUTH_TOKEN"
>;

const KEY_OF: Record<string, keyof SelectionEnv> = { openai: "OPENAI_API_KEY", elevenlabs: "ELEVENLABS_API_KEY" };

function pick<T extends string>(env: SelectionEnv, variable: keyof SelectionEnv, allowed: readonly T[], vendor: T, fallback: T): T {
  const value = env[variable];
  if (value === undefined) return env[KEY_OF[vendor]!] ? vendor : fallback;
  if (!allowed.includes(value as T)) {
    throw new ProviderConfigError("PROVIDER_UNSUPPORTED", `${variable}="${value}" is not supported: choose one of ${allowed.join(", ")}`);
  }
  const key = KEY_OF[value];
  if (key && !env[key]) throw new ProviderConfigError("PROVIDER_KEY_MISSING", `${variable}=${value} needs ${key}`);
  return value as T;
}

export function selectProviders(env: SelectionEnv): ProviderSelection {
  return {
    llm: pick(env, "LLM_PROVIDER", LLM_PROVIDERS, "openai", "local"),
    stt: pick(env, "STT_PROVIDER", STT_PROVIDERS, "openai", "local"),
    tts: pick(env, "TTS_PROVIDER", TTS_PROVIDERS, "elevenlabs", "local"),
    embeddings: pick(env, "EMBEDDINGS_PROVIDER", EMBEDDINGS_PROVIDERS, "openai", "none"),
    telephony: env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN ? "twilio" : "local",
  };
}
