// The one table of what providers charge us, in USD micros (1 µ$ = $0.000001) so fractions of a cent stay
// exact integers. Each price names where it was read and when. A price changed here applies to calls
// that end afterwards; an ended call keeps the prices it was costed with (Call.costBreakdown.lines).
// A model the table does not list is costed as its provider's `unlisted` model (the dearest of the usual
// ones), with a warning: an unknown model should not make a call look cheaper than it was.

export const PRICES_AS_OF = "2026-12-01";

/** Unit sizes: a price is per this many of the usage's own unit. */
export const PER_MILLION_TOKENS = 1_000_000;
export const PER_MINUTE = 60; // seconds
export const PER_THOUSAND_CHARACTERS = 1_000;

export type TokenPrice = { input: number; output: number };
/** Prices per model of one provider, and the model an unlisted one is costed as. */
export type ProviderPrices<P> = { models: Record<string, P>; unlisted: string };

// Local providers run on our own machines: no per-use charge. "*" matches any model silently.
const FREE_TOKENS: ProviderPrices<TokenPrice> = { models: { "*": { input: 0, output: 0 } }, unlisted: "*" };
const FREE: ProviderPrices<number> = { models: { "*": 0 }, unlisted: "*" };

/** LLM: µ$ per 1M tokens, by provider (LLM_PROVIDER names) and model (Agent.llmModel). */
export const LLM_PRICES: Record<string, ProviderPrices<TokenPrice>> = {
  openai: {
    models: {
      // https://platform.openai.com/docs/pricing, standard tier, read 2026-12-01
      "gpt-4o-mini": { input: 150_000, output: 600_000 },
      "gpt-4o": { input: 2_500_000, output: 10_000_000 },
      "gpt-4.1-mini": { input: 400_000, output: 1_600_000 },
      "gpt-4.1": { input: 2_000_000, output: 8_000_000 },
      // https://developers.openai.com/api/docs/models/gpt-realtime, read 2026-12-01. Audio-token rates:
      // on a phone call nearly every token the speech-to-speech model reads or writes is audio (the $4/$16
      // text rates cover only instructions and tool results), and usage does not tell the two apart.
      "gpt-realtime": { input: 32_000_000, output: 64_000_000 },
    },
    unlisted: "gpt-4o",
  },
  local: FREE_TOKENS,
};

/** Speech-to-text: µ$ per minute of audio, prorated by the second. */
export const STT_PRICES: Record<string, ProviderPrices<number>> = {
  openai: {
    models: {
      // https://platform.openai.com/docs/pricing (Transcription, estimated cost per minute), read 2026-12-01
      "gpt-4o-transcribe": 6_000,
      "gpt-4o-mini-transcribe": 3_000,
      "whisper-1": 6_000,
    },
    unlisted: "gpt-4o-transcribe",
  },
  local: FREE,
};

/** Text-to-speech: µ$ per 1,000 characters sent. */
export const TTS_PRICES: Record<string, ProviderPrices<number>> = {
  elevenlabs: {
    models: {
      // https://elevenlabs.io/pricing/api (Flash/Turbo $0.05, Multilingual v2/v3 $0.10 per 1K characters), read 2026-12-01
      eleven_flash_v2_5: 50_000,
      eleven_flash_v2: 50_000,
      eleven_turbo_v2_5: 50_000,
      eleven_turbo_v2: 50_000,
      eleven_multilingual_v2: 100_000,
      eleven_v3: 100_000,
    },
    unlisted: "eleven_multilingual_v2",
  },
  local: FREE,
};

/** Embeddings: µ$ per 1M input tokens. */
export const EMBEDDING_PRICES: Record<string, ProviderPrices<number>> = {
  openai: {
    // https://platform.openai.com/docs/pricing (Embeddings), read 2026-12-01
    models: { "text-embedding-3-small": 20_000, "text-embedding-3-large": 130_000 },
    unlisted: "text-embedding-3-large",
  },
  none: FREE,
  local: FREE,
};

/**
 * Telephony: µ$ per minute of the call, by how the caller reached us. Twilio bills every started
 * minute (a 61 s call is 2 minutes); a browser test call and a simulated number cost nothing.
 * A transfer's <Dial> leg (TRANSFER_SECONDS) is a call Twilio makes for us: the OUTBOUND minute price.
 * https://www.twilio.com/en-us/voice/pricing/us (US local number: receive $0.0085/min, make $0.0140/min), read 2026-12-01
 */
export const TELEPHONY_PRICES = {
  twilio: { INBOUND: 8_500, OUTBOUND: 14_000, roundUpToMinute: true },
  web: { INBOUND: 0, OUTBOUND: 0, roundUpToMinute: false },
  local: { INBOUND: 0, OUTBOUND: 0, roundUpToMinute: false },
} as const;
export type TelephonyChannel = keyof typeof TELEPHONY_PRICES;

/** The provider a capability's usage is costed as when the call recorded none (a call from before costing). */
export const UNRECORDED_PROVIDER = { llm: "openai", stt: "openai", tts: "elevenlabs", embeddings: "openai" } as const;

export type PriceLookup<P> = { provider: string; model: string; price: P; warning?: string };

/**
 * The price of `model` from `provider` in `table`. Dated snapshots ("gpt-4o-2024-08-06") cost as their
 * model. Unknown provider or model: the `unlisted` price, and a warning saying what was assumed.
 */
export function lookupPrice<P>(
  table: Record<string, ProviderPrices<P>>,
  capability: string,
  source: { provider?: string; model?: string } | undefined,
  fallbackProvider: string,
): PriceLookup<P> {
  const provider = source?.provider ?? "";
  const model = (source?.model ?? "").trim().toLowerCase();
  // hasOwn: a name like "constructor" must not find Object.prototype's.
  if (!Object.hasOwn(table, provider)) {
    const assumed = table[fallbackProvider]!;
    const warning = `${capability}: no prices for provider "${provider || "unrecorded"}"; costed as ${fallbackProvider} ${assumed.unlisted}`;
    return { provider: fallbackProvider, model: assumed.unlisted, price: assumed.models[assumed.unlisted]!, warning };
  }
  const prices = table[provider]!;
  if (Object.hasOwn(prices.models, "*")) return { provider, model: model || provider, price: prices.models["*"]! };
  for (const m of [model, model.replace(/-\d{4}-\d{2}-\d{2}$/, "")]) {
    if (Object.hasOwn(prices.models, m)) return { provider, model: m, price: prices.models[m]! };
  }
  const warning = `${capability}: no price for ${provider} model "${model || "unrecorded"}"; costed as ${prices.unlisted}`;
  return { provider, model: prices.unlisted, price: prices.models[prices.unlisted]!, warning };
}
