// Builds the speech providers from the environment: VAD is always the local Silero model; STT and TTS
// are chosen on their own (STT_PROVIDER, TTS_PROVIDER; lib/providers/selection.ts), "local" (CMU Sphinx
// grammar recognition, espeak-ng) without keys. One set per process, created on first use: the models
// and connections behind them are shared by every call (each call opens its own streams), and each
// loads on its first use, so a process that only speaks (the app's voice preview) never loads the
// recogniser.
import { getEnv, type Env } from "../../env";
import { ProviderConfigError, selectProviders } from "../selection";
import { ElevenLabsTts } from "../elevenlabs/tts";
import { OpenAiStt } from "../openai/realtime-stt";
import { EspeakTts } from "./local/espeak-tts";
import { SileroVad } from "./local/silero-vad";
import { SphinxStt } from "./local/sphinx-stt";
import { ThreadedStt } from "./local/threaded-stt";
import type { CircuitSnapshot } from "../circuit-breaker";
import type { SttProvider, TtsProvider, VadProvider } from "./types";

export * from "./types";

export interface SpeechProviders {
  vad: VadProvider;
  stt: SttProvider;
  tts: TtsProvider;
}

interface Speech extends SpeechProviders {
  vad: SileroVad;
  /** Loads models / warms connections before the first call (each provider's own). */
  prepare(): Promise<void>;
  close(): Promise<void>;
}

let current: Speech | undefined;

type SpeechEnv = Env;

/** The local recogniser: worker threads (STT_THREADS) so decoding never delays the call path; 0 = main thread. */
function localStt(env: SpeechEnv): ThreadedStt | SphinxStt {
  return env.STT_THREADS === 0 ? new SphinxStt() : new ThreadedStt({ threads: env.STT_THREADS });
}

function buildStt(env: SpeechEnv): { stt: SttProvider; prepare(): Promise<void>; close(): Promise<void> } {
  const name = selectProviders(env).stt;
  switch (name) {
    case "local": {
      const stt = localStt(env);
      return { stt, prepare: () => stt.load(), close: () => stt.close() };
    }
    case "openai": {
      // Each call opens its own socket (createStream): nothing to load or close process-wide.
      const stt = new OpenAiStt({ apiKey: env.OPENAI_API_KEY!, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_STT_MODEL });
      return { stt, prepare: async () => {}, close: async () => {} };
    }
    default:
      throw new ProviderConfigError("PROVIDER_UNSUPPORTED", `STT_PROVIDER=${name} is not available yet`);
  }
}

function buildTts(env: SpeechEnv): { tts: TtsProvider; prepare(): Promise<void>; close(): Promise<void> } {
  const name = selectProviders(env).tts;
  switch (name) {
    case "local": {
      const tts = new EspeakTts();
      return { tts, prepare: () => tts.warmUp(), close: () => tts.close() };
    }
    case "elevenlabs": {
      // The local voices speak whatever ElevenLabs cannot (a fault mid-sentence): warmed up with it.
      const fallback = new EspeakTts();
      const tts = new ElevenLabsTts({
        apiKey: env.ELEVENLABS_API_KEY!,
        baseUrl: env.ELEVENLABS_BASE_URL,
        modelId: env.ELEVENLABS_MODEL,
        fallback,
        circuit: { failureThreshold: env.ELEVENLABS_CIRCUIT_FAILURES, cooldownMs: env.ELEVENLABS_CIRCUIT_COOLDOWN_MS },
      });
      return {
        tts,
        prepare: async () => {
          await Promise.all([fallback.warmUp(), tts.warmUp()]);
        },
        close: async () => {
          await Promise.all([tts.close(), fallback.close()]);
        },
      };
    }
    default:
      throw new ProviderConfigError("PROVIDER_UNSUPPORTED", `TTS_PROVIDER=${name} is not available yet`);
  }
}

/** VAD is always local (our own turn-taking); STT and TTS as selectProviders() says. */
export function getSpeechProviders(env: SpeechEnv = getEnv()): SpeechProviders {
  if (!current) {
    const vad = new SileroVad();
    const stt = buildStt(env);
    const tts = buildTts(env);
    current = {
      vad,
      stt: stt.stt,
      tts: tts.tts,
      prepare: async () => {
        await Promise.all([vad.load(), stt.prepare(), tts.prepare()]);
      },
      close: async () => {
        await Promise.all([tts.close(), stt.close(), vad.close()]);
      },
    };
  }
  return current;
}

/**
 * Loads the models and warms the synthesiser now, so the first call does not pay for it (the VAD
 * model, the recogniser's WebAssembly and acoustic model, espeak's first sentences: a few seconds).
 * Servers that take calls run it at start-up; it fails loudly if a model is missing.
 */
export async function prepareSpeechProviders(env: SpeechEnv = getEnv()): Promise<void> {
  getSpeechProviders(env);
  await current!.prepare();
}

/**
 * The vendor circuit breakers of this process's providers, for /health: empty until the providers are
 * built, and for local providers (they have none). Never builds them.
 */
export function speechCircuits(): { tts?: CircuitSnapshot } {
  const tts = current?.tts.circuit?.();
  return tts ? { tts } : {};
}

/** Stops the synthesis and recognition workers; the next getSpeechProviders() starts afresh. */
export async function closeSpeechProviders(): Promise<void> {
  const speech = current;
  current = undefined;
  await speech?.close();
}
