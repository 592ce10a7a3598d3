// The outbound half every audio transport shares: the engine's PCM framed into 20 ms frames, paced
// on the shared tick, a mark after each segment's last frame, mark echoes turned into "heard", clear,
// and a hang-up that waits until the last mark came back (bounded by a grace period). Each transport
// only says how a frame, a mark and a clear go on its wire (Twilio JSON, browser binary + JSON).
//
// Pause/resume (the caller may be barging in): the far end is cleared at once, so the agent stops in
// the caller's ear, but the audio it had not played yet is kept: the last frames sent are remembered
// with when the far end would start playing each (frames play back to back from when they arrive), so
// a pause puts the unplayed ones back in front of the queue, with the marks sent after them. Resume
// plays on from there; a confirmed barge-in clears it all.
import { FRAME_MS } from "../../lib/providers/speech/types";
import { FRAME_BYTES } from "./twilio/protocol";
import { OutboundQueue } from "./twilio/outbound-queue";

/** Frames remembered for a pause (200 ms): more than the pacer ever keeps buffered at the far end (140 ms). */
const HISTORY = 10;

export interface OutputWire {
  /** Sends the 160-byte μ-law frame at `bytes[offset, offset + 160)`. */
  frame(bytes: Uint8Array, offset: number): void;
  mark(name: string): void;
  clear(): void;
}

export interface PacedOutputOptions {
  /** After a hangup's audio was sent, how long to wait for missing mark echoes. Default 5 s. */
  hangupGraceMs?: number;
  now: () => number;
}

interface SentMark {
  name: string;
  /** Sent before a clear: the far end may still echo it, but its audio was cut, so it was not heard. */
  cleared: boolean;
  /** Frames sent before it (the output's frame count when it went out). */
  afterSent: number;
}

export class PacedOutput {
  private readonly queue = new OutboundQueue();
  private readonly sentMarks: SentMark[] = [];
  private hangupDeadline = Infinity;
  /** The engine asked to hang up; no more audio is accepted. */
  hangupRequested = false;
  /** Paused: nothing is sent until resume (or clear). */
  paused = false;
  private sentFrames = 0;
  /** When the far end will have played everything sent (our clock). */
  private farEndPlayEnd = 0;
  // The last HISTORY frames sent, as a ring: their bytes and when each starts playing at the far end.
  private readonly history = new Uint8Array(HISTORY * FRAME_BYTES);
  private readonly historyStart = new Float64Array(HISTORY);
  private historyLen = 0;
  private historyHead = 0;

  constructor(
    private readonly wire: OutputWire,
    private readonly opts: PacedOutputOptions,
  ) {}

  audio(segmentId: string, pcm: Int16Array): void {
    if (!this.hangupRequested) this.queue.push(segmentId, pcm);
  }

  endSegment(segmentId: string): void {
    this.queue.endSegment(segmentId);
  }

  /** Queued-but-unsent marks vanish with their audio; sent ones may still be echoed, as not heard. */
  clear(): void {
    this.queue.clear();
    for (const m of this.sentMarks) m.cleared = true;
    // Paused, the far end was cleared then and has been sent nothing since: a second clear says nothing.
    const farEndEmpty = this.paused;
    this.paused = false;
    this.forgetSent();
    if (!farEndEmpty) this.wire.clear();
  }

  /**
   * Stops the far end now and keeps what it had not played; returns the ms of audio put back. The
   * marks sent after that audio are forgotten (the far end echoes them on the clear, unheard) and go
   * out again after it.
   */
  pause(): number {
    if (this.paused) return 0;
    this.paused = true;
    const now = this.opts.now();
    let unplayed = 0;
    while (unplayed < this.historyLen && this.historyStart[this.ringIndex(this.historyLen - 1 - unplayed)]! > now) unplayed++;
    this.wire.clear();
    if (unplayed > 0) {
      const frames = new Uint8Array(unplayed * FRAME_BYTES);
      for (let i = 0; i < unplayed; i++) {
        const at = this.ringIndex(this.historyLen - unplayed + i) * FRAME_BYTES;
        frames.set(this.history.subarray(at, at + FRAME_BYTES), i * FRAME_BYTES);
      }
      const firstUnplayed = this.sentFrames - unplayed;
      const marks: { name: string; afterFrame: number }[] = [];
      for (let i = 0; i < this.sentMarks.length; ) {
        const m = this.sentMarks[i]!;
        if (!m.cleared && m.afterSent > firstUnplayed) {
          marks.push({ name: m.name, afterFrame: m.afterSent - firstUnplayed });
          this.sentMarks.splice(i, 1);
        } else i++;
      }
      this.queue.requeue(frames, marks);
      this.sentFrames = firstUnplayed;
    }
    this.forgetSent();
    return unplayed * FRAME_MS;
  }

  /** Plays on from where the pause stopped the far end (the pacer sends from its next tick or kick). */
  resume(): void {
    this.paused = false;
  }

  /** An echo from the far end: true when the segment's audio was really heard (tell the session). */
  markEchoed(name: string): boolean | undefined {
    const i = this.sentMarks.findIndex((m) => m.name === name);
    if (i < 0) return undefined;
    const [mark] = this.sentMarks.splice(i, 1);
    return !mark!.cleared;
  }

  framesReady(): number {
    return this.paused ? 0 : this.queue.framesReady();
  }

  pump(n: number): number {
    if (this.paused) return 0;
    this.sendDueMarks();
    let sent = 0;
    for (; sent < n && this.queue.framesReady() > 0; sent++) {
      const at = this.queue.takeFrame();
      this.remember(this.queue.bytes, at);
      this.wire.frame(this.queue.bytes, at);
      this.sentFrames++;
      this.sendDueMarks();
    }
    return sent;
  }

  /** After a hangup request: "now" once everything was sent and heard (or the grace ran out). */
  hangupDue(): "no" | "now" | "late" {
    if (!this.hangupRequested || !this.queue.isEmpty()) return "no";
    if (this.sentMarks.length === 0) return "now";
    // Everything is sent; a far end that never echoes must not hold the call open forever.
    if (this.hangupDeadline === Infinity) this.hangupDeadline = this.opts.now() + (this.opts.hangupGraceMs ?? 5000);
    else if (this.opts.now() >= this.hangupDeadline) return "late";
    return "no";
  }

  get missingEchoes(): number {
    return this.sentMarks.length;
  }

  /** Drops everything queued (the socket is gone). */
  drop(): void {
    this.queue.clear();
  }

  private sendDueMarks(): void {
    for (let name = this.queue.takeDueMark(); name !== undefined; name = this.queue.takeDueMark()) {
      this.wire.mark(name);
      this.sentMarks.push({ name, cleared: false, afterSent: this.sentFrames });
    }
  }

  /** The frame at `bytes[offset]` is being sent now: it plays when the far end's earlier audio is done. */
  private remember(bytes: Uint8Array, offset: number): void {
    const start = Math.max(this.opts.now(), this.farEndPlayEnd);
    this.farEndPlayEnd = start + FRAME_MS;
    let slot: number;
    if (this.historyLen < HISTORY) slot = this.ringIndex(this.historyLen++);
    else {
      slot = this.historyHead; // full: the oldest makes room
      this.historyHead = (this.historyHead + 1) % HISTORY;
    }
    this.history.set(bytes.subarray(offset, offset + FRAME_BYTES), slot * FRAME_BYTES);
    this.historyStart[slot] = start;
  }

  private ringIndex(i: number): number {
    return (this.historyHead + i) % HISTORY;
  }

  private forgetSent(): void {
    this.historyLen = 0;
    this.historyHead = 0;
    this.farEndPlayEnd = this.opts.now();
  }
}
