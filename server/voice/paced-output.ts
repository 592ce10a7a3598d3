// The outbound half every audio transport shares: the engine's PCM framed into 20 ms frames, paced
// on the shared tick, a mark after each segment's last frame, mark echoes turned into "heard", clear,
// and a hang-up that waits until the last mark came back (bounded by a grace period). Each transport
// only says how a frame, a mark and a clear go on its wire (Twilio JSON, browser binary + JSON).
import { OutboundQueue } from "./twilio/outbound-queue";

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
}

export class PacedOutput {
  private readonly queue = new OutboundQueue();
  private readonly sentMarks: SentMark[] = [];
  private hangupDeadline = Infinity;
  /** The engine asked to hang up; no more audio is accepted. */
  hangupRequested = false;

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
    this.wire.clear();
  }

  /** An echo from the far end: true when the segment's audio was really heard (tell the session). */
  markEchoed(name: string): boolean | undefined {
    const i = this.sentMarks.findIndex((m) => m.name === name);
    if (i < 0) return undefined;
    const [mark] = this.sentMarks.splice(i, 1);
    return !mark!.cleared;
  }

  framesReady(): number {
    return this.queue.framesReady();
  }

  pump(n: number): number {
    this.sendDueMarks();
    let sent = 0;
    for (; sent < n && this.queue.framesReady() > 0; sent++) {
      this.wire.frame(this.queue.bytes, this.queue.takeFrame());
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
      this.sentMarks.push({ name, cleared: false });
    }
  }
}
