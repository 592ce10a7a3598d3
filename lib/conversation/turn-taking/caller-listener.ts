// The caller's side of an audio call: frames → VAD → speech start/end → the recogniser → the endpoint
// decision → the caller's turn. Knows nothing of replies: the session says whether the agent is
// talking (speech over it is then not a turn of its own unless it interrupts) and decides what caller
// speech does to the agent (pause, barge-in, play on) through `host.speech` on every frame.
//
// Where time is measured from:
// - endpoint: from the VAD speech-end (end of the last voiced frame); deadline = speechEnd + the
//   adaptive delay. Speech resuming before the deadline cancels it and the utterance continues.
//
// The recogniser hears the utterance and `sttTrailMs` of the silence after it, not the whole endpoint
// wait: frames past that are held back, and fed only if the caller speaks on. A grammar recogniser has
// to explain every frame it is fed, and a second of line hiss after a one-word answer let its garbage
// loop win ("no" came back as the garbage "so"). `npm run bench:stt -- --sentences 15` on 2026-12-02,
// 300 ms of trail against the 860 of the default wait: 167 of 240 sentences exact against 155-158,
// word error 21.9% against 25.6-26.6%, numbers' word error 44% against 51%, paused sentences 58 of 75
// against 55, out-of-grammar refused 33 of 40 against 31-32, and a fifth less audio to decode (150 ms
// lost one-word answers: 38 of 60 against 44). Turns whose wait is 300 ms anyway (a finished question)
// are fed as before; the ones that gain wait 700 ("no", "yes", what the recogniser could not place) or
// 1400 (digits, a dangling phrase). A vendor recogniser is sent (and bills) less silence.
import type { AnswerKind, SttResult, SttStream, VadStream } from "../../providers/speech/types";
import type { CallEventType, EngineConfig } from "../types";
import { endpointDecision, type EndpointReason } from "./endpointing";
import { VadFeed } from "./vad-feed";
import { VadGate } from "./vad-gate";

/** When a caller turn's stages happened (ms, monotonic); text turns have no audio stages. */
export interface CallerTiming {
  text: boolean;
  speechEnd: number;
  decisionAt: number;
  finalAt: number;
  /** The recogniser's own time (SttResult.providerMs), -1 if it did not say. */
  sttProviderMs: number;
}

export interface ListenerHost {
  now(): number;
  emit(type: CallEventType, payload?: Record<string, unknown>): void;
  reportError(error: unknown, source: string): void;
  /** The agent is talking or closing: caller speech is then not a turn unless it interrupts. */
  agentHasFloor(): boolean;
  /** After every frame: the caller is (or is no longer) speaking, with `voicedMs` of it so far. */
  speech(inSpeech: boolean, voicedMs: number, at: number): void;
  speechStarted(): void;
  /** Caller speech ended at `at` while the agent listens (the silence clock starts again). */
  callerSpoke(at: number): void;
  /** The endpoint was reached: the recogniser is finishing the utterance. */
  endpointReached(): void;
  /** The caller's turn, transcribed. `onset`: when the utterance began (ms). */
  callerTurn(result: SttResult, timing: CallerTiming, onset: number): void;
  /** The recogniser failed on the utterance. */
  sttFailed(error: unknown): void;
}

export class CallerListener {
  private readonly gate: VadGate;
  private readonly feed: VadFeed;
  // >= 0 while waiting for the caller's turn to end.
  private deadline = -1;
  private speechEndAt = 0;
  private utteranceOnset = 0;
  private continuing = false; // the current utterance resumed after a pause (its start was earlier)
  private partial = "";
  private endpointReason: EndpointReason = "default";
  private endpointDelay = 0;
  private finalizing = false;
  private released = false;
  /** Frames of the endpoint wait past `sttTrailMs`, in order: the recogniser gets them if speech resumes. */
  private readonly held: Int16Array[] = [];

  constructor(
    private readonly speech: { vad: VadStream; stt: SttStream },
    private readonly cfg: EngineConfig,
    private readonly host: ListenerHost,
  ) {
    this.gate = new VadGate({ threshold: cfg.vadThreshold, speechStartMs: cfg.speechStartMs, preRollMs: cfg.preRollMs, hangoverMs: cfg.hangoverMs });
    this.feed = new VadFeed(speech.vad, (frame, prob, at) => this.onFrame(frame, prob, at), (e) => host.reportError(e, "vad"));
  }

  /** Something is going on on the caller's side (the silence clock must not run). */
  get busy(): boolean {
    return this.finalizing || this.deadline >= 0 || this.gate.inSpeech;
  }

  /** One inbound frame (kept until the VAD has scored it: do not reuse it). */
  push(frame: Int16Array, at: number): void {
    if (!this.released) this.feed.push(frame, at);
  }

  /** The shared tick: the endpoint deadline. */
  tick(now: number): void {
    this.checkDeadline(now);
  }

  /** Stops waiting for the endpoint of an utterance that ended (the caller pressed 0): it is dropped. */
  cancelEndpoint(): void {
    if (this.deadline < 0) return;
    this.deadline = -1;
    this.held.length = 0;
    this.speech.stt.reset();
  }

  /** Drops whatever the caller is saying or said last (the call is closing). */
  dropUtterance(): void {
    this.cancelEndpoint();
    if (this.gate.inSpeech) this.speech.stt.reset();
  }

  /** What the agent's words so far ask of the caller: the recogniser narrows its next utterance to it. */
  expectAnswer(kind: AnswerKind): void {
    if (!this.released) this.speech.stt.expectAnswer?.(kind);
  }

  /** Stops listening for good (idempotent). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.deadline = -1;
    this.held.length = 0;
    this.gate.reset();
    this.feed.close();
    this.speech.vad.close();
    this.speech.stt.close();
  }

  private onFrame(frame: Int16Array, prob: number, at: number): void {
    if (this.released) return;
    const { gate } = this;
    const { stt } = this.speech;
    const feeding = gate.inSpeech || this.deadline >= 0;
    const event = gate.push(frame, prob, at, !feeding);
    if (feeding) {
      if (this.deadline >= 0 && (this.held.length > 0 || at - this.speechEndAt > this.cfg.sttTrailMs)) this.held.push(frame);
      else stt.write(frame);
    }
    if (event === "start") this.onSpeechStart(stt);
    this.host.speech(gate.inSpeech, gate.voicedMs, at);
    if (event === "end") this.onSpeechEnd(at);
    this.checkDeadline(at);
  }

  private onSpeechStart(stt: SttStream): void {
    const { gate } = this;
    this.continuing = this.deadline >= 0;
    if (this.continuing) {
      // The caller paused and went on: same utterance; the recogniser gets the rest of the pause now.
      this.deadline = -1;
      for (const f of this.held) stt.write(f);
      this.held.length = 0;
      gate.forget();
    } else {
      this.utteranceOnset = gate.onsetAt;
      gate.drain((f) => stt.write(f));
    }
    this.host.speechStarted();
  }

  private onSpeechEnd(at: number): void {
    const { gate } = this;
    const { stt } = this.speech;
    this.host.emit("caller.speech_ended", { voicedMs: gate.voicedMs });
    if (this.host.agentHasFloor()) {
      // Too short to interrupt the agent (a cough, "mm-hm"): it never becomes a turn.
      stt.reset();
      return;
    }
    this.host.callerSpoke(at);
    const partial = stt.partial();
    if (!this.continuing && partial === "" && gate.voicedMs < this.cfg.bargeInMinSpeechMs) {
      // A click or a cough while the agent listens: not worth a turn (and a "sorry?" reply).
      stt.reset();
      return;
    }
    this.speechEndAt = gate.lastVoicedAt;
    this.setPartial(partial);
  }

  private setPartial(partial: string): void {
    this.partial = partial;
    const decision = endpointDecision(partial, this.cfg.endpoint);
    this.endpointReason = decision.reason;
    this.endpointDelay = decision.delayMs;
    this.deadline = this.speechEndAt + decision.delayMs;
  }

  private checkDeadline(now: number): void {
    if (this.deadline < 0) return;
    const { stt } = this.speech;
    // The recogniser may still be catching up on the last words: judge the newest hypothesis.
    const partial = stt.partial();
    if (partial !== this.partial) this.setPartial(partial);
    if (now < this.deadline) return;
    this.deadline = -1;
    this.held.length = 0;
    this.host.emit("endpoint", { reason: this.endpointReason, delayMs: this.endpointDelay });
    const timing: CallerTiming = { text: false, speechEnd: this.speechEndAt, decisionAt: now, finalAt: -1, sttProviderMs: -1 };
    const onset = this.utteranceOnset;
    this.finalizing = true;
    this.host.endpointReached();
    stt.finalize().then(
      (result) => {
        this.finalizing = false;
        if (this.released) return;
        timing.finalAt = this.host.now();
        timing.sttProviderMs = result.providerMs ?? -1;
        this.host.callerTurn(result, timing, onset);
      },
      (error: unknown) => {
        this.finalizing = false;
        if (!this.released) this.host.sttFailed(error);
      },
    ).catch((e: unknown) => this.host.reportError(e, "engine"));
  }
}
