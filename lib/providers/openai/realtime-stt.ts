// OpenAI speech-to-text (STT_PROVIDER=openai): one realtime transcription socket per call, opened when
// the call's stream is created, with per-utterance HTTP transcription as the fallback. The agent's
// language is the hint, its expected phrases the prompt; μ-law goes through as the phone sent it.
import type { SttContext, SttProvider, SttStream } from "../speech/types";
import { RealtimeSttStream } from "./realtime-stt-stream";
import { createUtteranceTranscriber, type UtteranceTranscriber } from "./utterance-stt";

export const DEFAULT_STT_MODEL = "gpt-4o-mini-transcribe";
export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
/** Keeps the prompt a hint, not a document (the model reads it on every utterance). */
const MAX_PROMPT_CHARS = 800;

export interface OpenAiSttOptions {
  apiKey: string;
  /** OPENAI_BASE_URL (any OpenAI-compatible server); the socket URL is derived from it. */
  baseURL?: string;
  /** OPENAI_STT_MODEL: gpt-4o-transcribe or gpt-4o-mini-transcribe. */
  model?: string;
  connectTimeoutMs?: number;
  finalizeTimeoutMs?: number;
}

export class OpenAiStt implements SttProvider {
  readonly name = "openai";
  private readonly baseURL: string;
  private readonly fallback: UtteranceTranscriber;

  constructor(private readonly opts: OpenAiSttOptions) {
    this.baseURL = opts.baseURL ?? OPENAI_DEFAULT_BASE_URL;
    this.fallback = createUtteranceTranscriber({ apiKey: opts.apiKey, baseURL: this.baseURL });
  }

  createStream(ctx: SttContext): Promise<SttStream> {
    return RealtimeSttStream.open({
      baseURL: this.baseURL,
      apiKey: this.opts.apiKey,
      session: { model: this.opts.model ?? DEFAULT_STT_MODEL, language: languageHint(ctx.language), prompt: promptOf(ctx.phrases) },
      connectTimeoutMs: this.opts.connectTimeoutMs ?? 3000,
      finalizeTimeoutMs: this.opts.finalizeTimeoutMs ?? 3000,
      fallback: this.fallback,
      onFault: ctx.onFault,
    });
  }
}

/** The API takes ISO-639-1 ("en"), agents store BCP 47 ("en-US"). */
export function languageHint(language: string): string | undefined {
  const primary = language.trim().split(/[-_]/)[0]?.toLowerCase() ?? "";
  return /^[a-z]{2}$/.test(primary) ? primary : undefined;
}

function promptOf(phrases: readonly string[]): string | undefined {
  let prompt = "";
  for (const raw of phrases) {
    const phrase = raw.trim();
    if (!phrase) continue;
    const sentence = /[.?!]$/.test(phrase) ? phrase : `${phrase}.`;
    const next = prompt ? `${prompt} ${sentence}` : sentence;
    if (next.length > MAX_PROMPT_CHARS) break;
    prompt = next;
  }
  return prompt || undefined;
}
