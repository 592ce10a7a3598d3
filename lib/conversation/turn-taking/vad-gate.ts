// Turns per-frame speech probabilities into caller speech start/end, and decides which frames the
// recogniser gets. Pure bookkeeping on numbers plus a preallocated ring of recent frames: no
// allocation per frame.
//
// Speech starts once `speechStartMs` of consecutive voiced frames were seen; its onset is the first
// of them. The frames before the start (up to `preRollMs`, plus the onset frames) are kept in the
// ring and handed out at the start, so the recogniser hears the first syllable. Speech ends at the
// end of the last voiced frame, declared once `hangoverMs` of unvoiced frames followed it (short
// gaps inside a word or between words do not end it).
import { FRAME_MS, FRAME_SAMPLES } from "../../providers/speech/types";

export interface VadGateOptions {
  threshold: number;
  speechStartMs: number;
  preRollMs: number;
  hangoverMs: number;
}

export type GateEvent = "none" | "start" | "end";

export class VadGate {
  /** Inside caller speech (from the declared start until the declared end). */
  inSpeech = false;
  /** ms (caller clock) of the first voiced frame of the current/last utterance. */
  onsetAt = 0;
  /** End of the last voiced frame (ms): the utterance's speech-end once "end" is reported. */
  lastVoicedAt = 0;
  /** Voiced audio since the onset (ms), gaps excluded: what barge-in compares with its minimum. */
  voicedMs = 0;

  private readonly opts: VadGateOptions;
  private readonly ring: Int16Array[];
  private ringStart = 0;
  private ringLen = 0;
  private pendingVoiced = 0; // consecutive voiced frames before a start
  private unvoicedRun = 0; // consecutive unvoiced frames inside speech

  constructor(opts: VadGateOptions) {
    this.opts = opts;
    const frames = Math.max(1, Math.ceil((opts.preRollMs + opts.speechStartMs) / FRAME_MS));
    this.ring = Array.from({ length: frames }, () => new Int16Array(FRAME_SAMPLES));
  }

  /**
   * One frame that ended at `at` (ms) with speech probability `prob`. `keep`: the frame is not being
   * fed to the recogniser, so remember it for a possible pre-roll.
   */
  push(frame: Int16Array, prob: number, at: number, keep: boolean): GateEvent {
    if (keep) this.remember(frame);
    const voiced = prob >= this.opts.threshold;
    if (!this.inSpeech) {
      if (!voiced) {
        this.pendingVoiced = 0;
        return "none";
      }
      if (this.pendingVoiced === 0) this.onsetAt = at - FRAME_MS;
      this.pendingVoiced++;
      this.lastVoicedAt = at;
      if (this.pendingVoiced * FRAME_MS < this.opts.speechStartMs) return "none";
      this.inSpeech = true;
      this.voicedMs = this.pendingVoiced * FRAME_MS;
      this.pendingVoiced = 0;
      this.unvoicedRun = 0;
      return "start";
    }
    if (voiced) {
      this.voicedMs += FRAME_MS;
      this.lastVoicedAt = at;
      this.unvoicedRun = 0;
      return "none";
    }
    this.unvoicedRun++;
    if (this.unvoicedRun * FRAME_MS < this.opts.hangoverMs) return "none";
    this.inSpeech = false;
    this.unvoicedRun = 0;
    return "end";
  }

  /** Hands out the remembered frames, oldest first, and forgets them (copies: the ring is reused). */
  drain(into: (frame: Int16Array) => void): void {
    for (let i = 0; i < this.ringLen; i++) {
      const slot = this.ring[(this.ringStart + i) % this.ring.length];
      if (slot) into(slot.slice());
    }
    this.ringStart = 0;
    this.ringLen = 0;
  }

  /** Forget the remembered frames (they were fed elsewhere or are no longer wanted). */
  forget(): void {
    this.ringStart = 0;
    this.ringLen = 0;
  }

  /** Back to silence (the call's state changed under the caller, e.g. a hang-up). */
  reset(): void {
    this.inSpeech = false;
    this.pendingVoiced = 0;
    this.unvoicedRun = 0;
    this.voicedMs = 0;
    this.forget();
  }

  private remember(frame: Int16Array): void {
    const cap = this.ring.length;
    let index: number;
    if (this.ringLen < cap) {
      index = (this.ringStart + this.ringLen) % cap;
      this.ringLen++;
    } else {
      // Full: overwrite the oldest frame.
      index = this.ringStart;
      this.ringStart = (this.ringStart + 1) % cap;
    }
    const slot = this.ring[index];
    if (!slot) return;
    if (frame.length === FRAME_SAMPLES) slot.set(frame);
    else {
      slot.fill(0);
      slot.set(frame.subarray(0, FRAME_SAMPLES));
    }
  }
}
