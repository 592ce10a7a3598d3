// Picks the speech providers (VAD, STT, TTS) from the environment. "local" (Silero VAD, CMU Sphinx
// grammar recognition, espeak-ng) is the default and the only choice until the vendor issue adds
// OpenAI and ElevenLabs; any other value fails at start-up naming the variable, rather than silently
// falling back. One set per process, created on first use: the models behind them are shared by
// every call (each call opens its own streams), and each loads on its first use, so a process that
// only speaks (the app's voice preview) never loads the recogniser.
import { getEnv, type Env } from "../../env";
import { EspeakTts } from "./local/espeak-tts";
import { SileroVad } from "./local/silero-vad";
import { SphinxStt } from "./local/sphinx-stt";
import { ThreadedStt } from "./local/threaded-stt";
import type { SttProvider, TtsProvider, VadProvider } from "./types";

export * from "./types";

export interface SpeechProviders {
  vad: VadProvider;
  stt: SttProvider;
  tts: TtsProvider;
}

export class SpeechConfigError extends Error {
  readonly code = "SPEECH_PROVIDER_UNSUPPORTED";
  constructor(value: string) {
    super(`SPEECH_PROVIDER="${value}" is not supported: the only speech provider available is "local" (the default)`);
    this.name = "SpeechConfigError";
  }
}

interface LocalSpeech extends SpeechProviders {
  vad: SileroVad;
  stt: ThreadedStt | SphinxStt;
  tts: EspeakTts;
}

let current: LocalSpeech | undefined;

type SpeechEnv = Pick<Env, "SPEECH_PROVIDER" | "STT_THREADS">;

export function getSpeechProviders(env: SpeechEnv = getEnv()): SpeechProviders {
  const { SPEECH_PROVIDER } = env;
  if (SPEECH_PROVIDER !== "local") throw new SpeechConfigError(SPEECH_PROVIDER);
  // Recognition runs in worker threads (STT_THREADS, default one fewer than the cores): decoding on
  // the main thread would delay every call's outbound pacing and barge-in under load. STT_THREADS=0
  // keeps it on the main thread (side-by-side measurements).
  current ??= { vad: new SileroVad(), stt: env.STT_THREADS === 0 ? new SphinxStt() : new ThreadedStt({ threads: env.STT_THREADS }), tts: new EspeakTts() };
  return current;
}

/**
 * Loads the models and warms the synthesiser now, so the first call does not pay for it (the VAD
 * model, the recogniser's WebAssembly and acoustic model, espeak's first sentences: a few seconds).
 * Servers that take calls run it at start-up; it fails loudly if a model is missing.
 */
export async function prepareSpeechProviders(env: SpeechEnv = getEnv()): Promise<void> {
  getSpeechProviders(env);
  const speech = current!;
  await Promise.all([speech.vad.load(), speech.stt.load(), speech.tts.warmUp()]);
}

/** Stops the synthesis and recognition workers; the next getSpeechProviders() starts afresh. */
export async function closeSpeechProviders(): Promise<void> {
  const speech = current;
  current = undefined;
  if (!speech) return;
  await Promise.all([speech.tts.close(), speech.stt.close(), speech.vad.close()]);
}
