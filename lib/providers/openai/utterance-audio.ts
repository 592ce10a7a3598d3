// The current caller utterance as μ-law bytes, kept until the transcript is in: what has not been
// appended to the socket yet goes out in ~500 ms batches, and all of it is replayed after a reconnect
// or sent to the per-utterance fallback. One buffer per stream, written in place (no per-frame
// allocation); it starts at a few seconds and doubles as an utterance needs it (a full-size buffer
// per call was 480 KB allocated at every call start), bounded, so a caller who never stops cannot
// grow it without limit.
import { encodeMulaw, MULAW_SILENCE } from "../../audio/mulaw";
import { SAMPLE_RATE } from "../speech/types";

/** Longest utterance kept for replay; beyond it the oldest second is dropped (the socket already has it). */
export const MAX_UTTERANCE_SEC = 60;
/** OpenAI refuses to commit less than 100 ms of audio. */
export const MIN_COMMIT_BYTES = SAMPLE_RATE / 10;
/** Most utterances fit: a buffer this size is all most calls ever allocate. */
const INITIAL_SEC = 8;

export class UtteranceAudio {
  private buf = new Uint8Array(INITIAL_SEC * SAMPLE_RATE);
  private len = 0;
  private sent = 0;
  private dropped = 0;

  /** Bytes held now (the replayable part of the utterance). */
  get length(): number {
    return this.len;
  }

  /** Bytes written but not yet appended to the current socket. */
  get unsentBytes(): number {
    return this.len - this.sent;
  }

  /** Seconds of audio in this utterance, dropped overflow included (usage). */
  get seconds(): number {
    return (this.len + this.dropped) / SAMPLE_RATE;
  }

  write(frame: Int16Array): void {
    const n = frame.length;
    if (this.len + n > this.buf.length) {
      if (this.buf.length < MAX_UTTERANCE_SEC * SAMPLE_RATE) {
        const bigger = new Uint8Array(Math.min(this.buf.length * 2, MAX_UTTERANCE_SEC * SAMPLE_RATE));
        bigger.set(this.buf.subarray(0, this.len));
        this.buf = bigger;
      } else {
        this.dropOldest(Math.max(n, SAMPLE_RATE));
      }
    }
    encodeMulaw(frame, this.buf.subarray(this.len, this.len + n));
    this.len += n;
  }

  /** The bytes not yet appended, marked as appended (a view: send it before the next write). */
  takeUnsent(): Uint8Array {
    const view = this.buf.subarray(this.sent, this.len);
    this.sent = this.len;
    return view;
  }

  /** The socket was lost: everything must be appended again on the next one. */
  markAllUnsent(): void {
    this.sent = 0;
  }

  /** A copy of the whole utterance, padded with silence to the least OpenAI accepts. */
  snapshot(): Uint8Array {
    const out = new Uint8Array(Math.max(this.len, MIN_COMMIT_BYTES)).fill(MULAW_SILENCE);
    out.set(this.buf.subarray(0, this.len));
    return out;
  }

  clear(): void {
    this.len = 0;
    this.sent = 0;
    this.dropped = 0;
  }

  private dropOldest(bytes: number): void {
    const n = Math.min(bytes, this.len);
    this.buf.copyWithin(0, n, this.len);
    this.len -= n;
    this.sent = Math.max(0, this.sent - n);
    this.dropped += n;
  }
}
