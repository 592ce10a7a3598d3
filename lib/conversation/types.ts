// The conversation engine's contracts. The engine (session.ts) is transport-free: audio frames and
// events go in through CallSession's methods; audio, marks and control go out through a CallSink;
// everything worth keeping goes to a CallObserver (persistence + live events), and side effects of
// tools through CallActions. Nothing here imports next/*, ws, or the database.
import type { AgentProfile, ConversationMode, Responder, ToolName, ToolResult } from "../providers/responder/types";
import type { SttStream, TtsProvider, VadStream } from "../providers/speech/types";
import type { EndpointOptions, EndpointReason } from "./turn-taking/endpointing";

export type SessionState = "idle" | "greeting" | "listening" | "thinking" | "speaking" | "ending" | "ended";

/** Why the call ended, as the engine sees it (maps onto CallEndedReason). */
/** PROVIDER_ERROR: the engine gave up because a provider kept failing; ERROR: the engine's own fault. */
export type EndReason = "CALLER_HANGUP" | "AGENT_HANGUP" | "TRANSFERRED" | "MAX_DURATION" | "SILENCE_TIMEOUT" | "PROVIDER_ERROR" | "ERROR";

/** Where the transport sends what the engine produces. */
export interface CallSink {
  /**
   * Agent audio (telephone PCM, any length) belonging to `segmentId`. The transport frames it into
   * 20 ms frames and paces it on the shared tick. Text transports may ignore audio.
   */
  audio(segmentId: string, pcm: Int16Array): void;
  /**
   * The text of a segment, sent once when the segment starts (text transport shows it; audio
   * transports may ignore it).
   */
  segmentText(segmentId: string, text: string): void;
  /**
   * No more audio for this segment: the transport queues a mark after its last frame and calls
   * CallSession.markPlayed(segmentId) when the caller has heard it (Twilio echoes the mark; the text
   * transport acknowledges at once).
   */
  endSegment(segmentId: string): void;
  /** Drop every queued frame and tell the far end to stop playing (Twilio "clear"). */
  clear(): void;
  /**
   * The caller may be barging in: stop the far end now (Twilio "clear") but keep what it had not
   * played, marks included, so resume() can play on from there. clear() ends a pause. Optional: a
   * transport without audio has nothing to pause.
   */
  pause?(): void;
  /** It was not a barge-in (a cough, an "mm-hm"): play on from where pause() stopped the far end. */
  resume?(): void;
  /** Hand the call to a human at `to` (E.164). The transport/telephony layer does the Twilio part. */
  transfer(to: string): void;
  /** Close the call now (the engine calls it only after its last segment was heard). */
  hangup(reason: EndReason): void;
}

/**
 * Where the caller's wait went, speech-end → first agent frame, in whole ms. The provider parts are
 * measured at the provider boundary when the provider reports them (SttResult.providerMs,
 * onFirstToken, onFirstAudio), else by the engine around the call. platformMs is the rest, so
 * endpointMs + sttMs + llmMs + ttsMs + platformMs === totalMs exactly (lib/conversation/latency.ts).
 */
export interface TurnLatency {
  /** VAD speech-end → endpoint decision (the adaptive wait actually used: policy, not overhead). */
  endpointMs: number;
  /** STT final: finalize → transcript. */
  sttMs: number;
  /** LLM first token: request → first delta. */
  llmMs: number;
  /** TTS first byte: request → first audio. */
  ttsMs: number;
  /** Our own time: everything in totalMs that is neither the endpoint wait nor a provider. */
  platformMs: number;
  /** VAD speech-end → first agent audio handed to the transport (what the caller waits). */
  totalMs: number;
}

export interface TurnRecord {
  /** 0-based, in the order turns finished. */
  index: number;
  role: "CALLER" | "AGENT" | "TOOL" | "SYSTEM";
  text: string;
  /** AGENT turns cut by barge-in: the part the caller actually heard. */
  heardText?: string;
  interrupted?: boolean;
  /** ms since the call started. */
  startMs: number;
  endMs: number;
  toolName?: ToolName;
  toolArgs?: Record<string, unknown>;
  toolResult?: ToolResult;
  /** CALLER turns: whether the recogniser understood; AGENT turns answering a caller: latency. */
  understood?: boolean;
  latency?: TurnLatency;
}

export type UsageKind = "CALL_SECONDS" | "STT_SECONDS" | "TTS_CHARACTERS" | "LLM_INPUT_TOKENS" | "LLM_OUTPUT_TOKENS";

/** Live and persisted call events. `type` values are stable (the dashboard and webhooks read them). */
export type CallEventType =
  | "call.started"
  | "state.changed" // payload { state }
  | "caller.speech_started"
  | "caller.speech_ended"
  | "endpoint" // payload { reason, delayMs }
  | "barge_in" // payload { speechMs, heardText, pausedAt? }
  | "agent.paused" // payload { speechMs }: caller speech over the agent stopped its audio, not yet a barge-in (live only)
  | "agent.resumed" // payload { pausedMs, speechMs }: that speech was too short to be a barge-in; the agent played on
  | "dtmf" // payload { digit }
  | "tool.started" // payload { name, args }
  | "tool.finished" // payload { name, ok }
  | "silence.reprompt" // payload { count }
  | "transfer" // payload { to }
  | "transfer.result" // payload { status, durationSec }: how the transfer's <Dial> leg ended (Twilio's DialCallStatus), from its callback
  | "agent.segment" // payload { segmentId, text }: a sentence of the agent's starts playing (live only)
  | "call.ended" // payload { reason, by? }
  | "provider.fault" // payload { provider, capability, error, action }: a vendor failed and what was done (action "gave_up": the call ended politely)
  | "error"; // payload { message }

export interface CallObserver {
  /** A finished turn (persist it now, not at the end of the call). */
  turn(turn: TurnRecord): void;
  event(type: CallEventType, payload?: Record<string, unknown>): void;
  /**
   * `model`: what the quantity was used with when it is not the call's own provider/model (the fallback
   * LLM, "local" for the voice that finished a sentence ElevenLabs could not); absent = the call's own.
   */
  usage(kind: UsageKind, quantity: number, model?: string): void;
  /** Once, when the session reaches "ended". */
  ended(reason: EndReason, atMs: number): void;
}

export interface TakeMessageArgs {
  callerName: string;
  callbackNumber: string;
  message: string;
  urgency: "LOW" | "NORMAL" | "HIGH";
  /**
   * Where the caller said the message, in ms of the call (the recording's timeline): given by a responder
   * whose recogniser could not take the message down word for word, so the owner can play it instead.
   * Not offered to models (it is not in the tool's JSON schema).
   */
  messageAudio?: AudioRange;
}

/** A stretch of the call, in ms from its start (the recording's timeline). */
export interface AudioRange {
  startMs: number;
  endMs: number;
}

export interface KnowledgeHit {
  text: string;
  source: "faq" | "document";
  /** Document title, or the FAQ question. */
  title?: string;
  score: number;
  /** Where a document hit comes from, so a responder can cite it ("Returns › Damaged items", page 3). */
  heading?: string;
  page?: number;
  documentId?: string;
}

/** Side effects tools need outside the engine (the database, the knowledge index). */
export interface CallActions {
  saveMessage(args: TakeMessageArgs): Promise<{ messageId: string }>;
  searchKnowledge(query: string, limit: number): Promise<KnowledgeHit[]>;
}

export interface EngineConfig {
  /** Speech probability at/above which a frame is voiced. */
  vadThreshold: number;
  /** Voiced time before "speech started" is declared (ms). */
  speechStartMs: number;
  /** Caller speech while the agent talks needed to interrupt it (a cough or "mm-hm" is shorter). */
  bargeInMinSpeechMs: number;
  /**
   * Caller speech while the agent talks after which the agent's audio stops at once (sink.pause),
   * before it is known to be a barge-in: a real one is then cut where the caller stopped hearing it,
   * anything shorter than bargeInMinSpeechMs plays on from there. ≥ bargeInMinSpeechMs: never pause.
   */
  bargeInPauseMs: number;
  /** The adaptive endpointing policy's bounds (turn-taking/endpointing.ts). */
  endpoint: EndpointOptions;
  /** Re-prompts after silence before saying goodbye and hanging up. */
  maxSilenceReprompts: number;
  /** Audio kept before speech start and fed to STT (ms), so the first syllable is not lost. */
  preRollMs: number;
  /** Unvoiced time after the last voiced frame before speech-end is declared (gaps between words). */
  hangoverMs: number;
  /**
   * How much of the silence after the caller's last voiced frame the recogniser is fed while the
   * endpoint is awaited (ms). Later frames are held back: fed if the caller speaks on (the recogniser
   * then hears the whole pause), dropped if the turn ends.
   */
  sttTrailMs: number;
}

export interface CallSessionDeps {
  callId: string;
  profile: AgentProfile;
  mode: ConversationMode;
  responder: Responder;
  sink: CallSink;
  observer: CallObserver;
  actions: CallActions;
  /** Audio calls only (the text transport has none of these). */
  speech?: { vad: VadStream; stt: SttStream; tts: TtsProvider };
  /** Monotonic milliseconds (performance.now in production, a fake clock in tests). */
  now(): number;
  /** Wall-clock time (responder's "today"). */
  wallClock?(): Date;
  config?: Partial<EngineConfig>;
}

/** What a transport calls. All methods are cheap and never throw; async work is owned by the session. */
export interface CallSession {
  readonly state: SessionState;
  /** Greets the caller (the agent speaks first). */
  start(): void;
  /** One 20 ms inbound frame of caller audio (telephone PCM, 160 samples). */
  audio(frame: Int16Array): void;
  /** A whole caller utterance (text transport; also the simulator's --text mode). */
  callerText(text: string): void;
  dtmf(digit: string): void;
  /** The transport's acknowledgement that `segmentId` was fully heard. */
  markPlayed(segmentId: string): void;
  /** Called by the shared tick (~20 ms): timers (endpoint, silence, max duration) are checked here. */
  tick(): void;
  /** The caller hung up or the stream stopped. */
  callerHangup(): void;
  /** Releases everything (idempotent). */
  close(): void;
}

/** The session as the process holding the call sees it: the transport's view plus operator control. */
export interface ControllableCallSession extends CallSession {
  /** An admin ends the call from the dashboard: a short goodbye, then hang up once it was heard (idempotent). */
  endByOperator(): void;
}

export type { EndpointReason };
