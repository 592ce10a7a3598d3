// Speech provider contracts: what the conversation engine needs from a VAD, a recogniser and a
// synthesiser, whoever provides them (local offline packages now; OpenAI and ElevenLabs in the vendor
// issue). Audio inside the platform is 16-bit signed PCM, mono, 8 kHz ("telephone PCM"): one Twilio
// frame is 20 ms = 160 samples. Transports convert μ-law at the edge (lib/audio/mulaw.ts).
import type { CircuitSnapshot } from "../circuit-breaker";

export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = 160;

/** One call's voice-activity detector. Holds the model's recurrent state: one instance per call. */
export interface VadStream {
  /**
   * Speech probability (0..1) for one 20 ms frame (160 samples). A model that works on longer windows
   * buffers internally and returns the latest window's probability. May resolve asynchronously: the
   * caller hands in each frame as it arrives, without waiting for earlier answers, so answers must
   * resolve in frame order (a model with state orders its own work).
   */
  process(frame: Int16Array): number | Promise<number>;
  reset(): void;
  close(): void;
}

export interface VadProvider {
  readonly name: string;
  createStream(): VadStream;
}

export interface SttResult {
  /** Lower-case words, no punctuation (local) or punctuated text (vendors). "" when nothing usable. */
  text: string;
  /** false when the recogniser heard speech but could not make it out (out of vocabulary, noise). */
  understood: boolean;
  /** Seconds of audio the recogniser was given (usage). */
  audioSec: number;
  /**
   * The recogniser's own time for this transcript, measured at the provider boundary (commit sent →
   * transcript received for a vendor), without our queueing around it. Absent: the engine measures
   * finalize() → result itself.
   */
  providerMs?: number;
}

/** One caller utterance at a time: write frames as they arrive, read partials, finalize at the endpoint. */
export interface SttStream {
  write(frame: Int16Array): void;
  /** Best hypothesis so far for the current utterance ("" if none). Cheap: called on VAD speech-end. */
  partial(): string;
  /** Ends the current utterance and returns its transcript; the stream is ready for the next one. */
  finalize(): Promise<SttResult>;
  /** Drops the current utterance (e.g. a cough that never became a turn). */
  reset(): void;
  close(): void;
  /**
   * What the agent just asked for, from the next utterance on (until told otherwise; "open" at first).
   * A recogniser that decodes against a grammar narrows it: a bare digit run is only likely when the
   * agent asked for a number, and elsewhere it is what short answers are misheard as ("no" as "two oh").
   * Optional: a vendor that transcribes freely has nothing to narrow.
   */
  expectAnswer?(kind: AnswerKind): void;
  /**
   * true: it hears only what it was told callers say (SttContext.phrases, digits), so an answer outside
   * that, such as the caller's name, comes back not understood (the local recogniser's grammar).
   */
  readonly closedVocabulary?: boolean;
}

/** What the caller's next answer is likely to be: a number (the agent asked for one or read one back), or anything. */
export type AnswerKind = "number" | "open";

/** What the recogniser may adapt to (the local one builds its grammar from it; vendors use it as a prompt). */
export interface SttContext {
  language: string;
  /** Sentences callers of this agent are expected to say (intents, FAQ questions, names); shared, not to be changed. */
  phrases: readonly string[];
  /** A vendor fault the stream recovered from (the call records it as a "provider.fault" event). */
  onFault?(fault: ProviderFault): void;
}

/** What went wrong with a vendor and what the platform did about it (CallEvent "provider.fault" payload). */
export interface ProviderFault {
  provider: string;
  capability: "llm" | "stt" | "tts";
  error: string;
  action: string;
}

export interface SttProvider {
  readonly name: string;
  /** May prepare per-agent resources (a grammar); implementations cache by content. */
  createStream(ctx: SttContext): Promise<SttStream>;
}

export interface Voice {
  id: string;
  name: string;
  language: string;
  gender?: "female" | "male" | "neutral";
  provider: string;
}

export interface SynthesisRequest {
  text: string;
  voiceId: string;
  /** The vendor model to speak with (the agent's ElevenLabs model); absent = the provider's default. Ignored by providers with one model. */
  model?: string;
  signal?: AbortSignal;
  /** The agent's language (BCP 47): picks the fallback voice when a vendor fails mid-sentence. */
  language?: string;
  /**
   * A vendor fault the synthesis recovered from (the call records it as a "provider.fault" event). One
   * function per call, the same for each of its sentences: a provider may tell a lasting condition (an
   * open circuit) once per call by its identity.
   */
  onFault?(fault: ProviderFault): void;
  /**
   * `characters` of the text were spoken by a fallback voice (the provider named `provider`, e.g. "local")
   * instead of this one: their usage is the fallback's, not this provider's. Called before that audio.
   */
  onFallbackSpeech?(characters: number, provider: string): void;
  /**
   * Time to first byte measured at the provider boundary (request sent → first audio received, before
   * we decode it), reported once per request by providers that can tell. Absent: the engine measures
   * synthesize() → first chunk itself.
   */
  onFirstAudio?(providerMs: number): void;
}

export interface TtsProvider {
  readonly name: string;
  /** Voices this provider offers (the agent editor's picker). */
  voices(): Promise<Voice[]>;
  /**
   * Telephone PCM for `text`, yielded as it is produced (chunks of any length). Stops promptly when
   * `signal` aborts (the iterator returns without throwing). Unknown voice id → the provider default.
   */
  synthesize(req: SynthesisRequest): AsyncIterable<Int16Array>;
  close?(): Promise<void>;
  /** A vendor provider's circuit breaker state (shown by /health); local providers have none. */
  circuit?(): CircuitSnapshot;
}
