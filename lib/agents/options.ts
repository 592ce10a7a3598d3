// Choices offered for an agent. Shared by the API's validation and the dashboard's form.
import { TTS_PRICES } from "../billing/prices";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const LANGUAGES = [
  { value: "en-US", label: "English (US)" },
  { value: "en-GB", label: "English (UK)" },
  { value: "en-AU", label: "English (Australia)" },
  { value: "es-ES", label: "Spanish (Spain)" },
  { value: "es-US", label: "Spanish (US)" },
  { value: "fr-FR", label: "French" },
  { value: "de-DE", label: "German" },
  { value: "it-IT", label: "Italian" },
  { value: "pt-BR", label: "Portuguese (Brazil)" },
  { value: "nl-NL", label: "Dutch" },
] as const;

export const LLM_MODELS = [
  { value: "gpt-4o-mini", label: "GPT-4o mini (fast, low cost)" },
  { value: "gpt-4o", label: "GPT-4o" },
  { value: "gpt-4.1-mini", label: "GPT-4.1 mini" },
  { value: "gpt-4.1", label: "GPT-4.1" },
] as const;

/** µ$ per 1,000 characters of an ElevenLabs model, from the one price table (a model offered without a price is a bug). */
function elevenLabsPrice(model: string): number {
  const price = TTS_PRICES.elevenlabs?.models[model];
  if (price === undefined) throw new Error(`lib/billing/prices.ts has no ElevenLabs price for ${model}`);
  return price;
}

// The ElevenLabs models an agent may speak with (Agent.ttsModel; null = the voice server's default,
// ELEVENLABS_MODEL or eleven_flash_v2_5). Used only when the text-to-speech is ElevenLabs.
export const TTS_MODELS = [
  { value: "eleven_flash_v2_5", label: "Flash v2.5 (lowest latency)", microsPerThousandChars: elevenLabsPrice("eleven_flash_v2_5") },
  { value: "eleven_turbo_v2_5", label: "Turbo v2.5", microsPerThousandChars: elevenLabsPrice("eleven_turbo_v2_5") },
  { value: "eleven_multilingual_v2", label: "Multilingual v2 (most natural, slower)", microsPerThousandChars: elevenLabsPrice("eleven_multilingual_v2") },
  // Not eleven_v3: ElevenLabs' streaming (multi-context) socket refuses it (403), so every sentence would
  // fall back to the local voice.
] as const;

// How an agent converses: our cascade (recogniser → LLM → voice) or OpenAI's speech-to-speech model.
export const CONVERSATION_ENGINES = [
  { value: "CASCADE", label: "Cascade (speech-to-text, LLM, voice)" },
  { value: "REALTIME", label: "OpenAI Realtime (speech-to-speech)" },
] as const;

// The Realtime model's own voices (it does not use the text-to-speech voice above).
export const REALTIME_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"] as const;

export const AGENT_TOOLS = [
  { value: "KNOWLEDGE_SEARCH", label: "Knowledge search", description: "Answer from the uploaded knowledge base and FAQs" },
  { value: "TAKE_MESSAGE", label: "Take a message", description: "Record the caller's name, number and message" },
  { value: "TRANSFER_CALL", label: "Transfer to a human", description: "Forward the call to the transfer number" },
  { value: "END_CALL", label: "End call", description: "Say goodbye and hang up when the caller is done" },
] as const;

export const AFTER_HOURS_ACTIONS = [
  { value: "ANSWER_NORMALLY", label: "Answer as usual" },
  { value: "TAKE_MESSAGE", label: "Take a message" },
  { value: "TRANSFER", label: "Transfer to the transfer number" },
  { value: "PLAY_MESSAGE_AND_HANG_UP", label: "Play the closed message and hang up" },
] as const;

export const LIMITS = {
  nameMax: 80,
  greetingMax: 500,
  systemPromptMax: 20_000,
  afterHoursMessageMax: 500,
  addressMax: 300,
  services: { maxCount: 30, maxLength: 80 },
  maxCallDurationSec: { min: 60, max: 7_200 },
  silenceTimeoutSec: { min: 3, max: 120 },
  temperature: { min: 0, max: 2 },
} as const;
