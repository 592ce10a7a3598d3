// One stream's outbound audio, already μ-law and cut into 20 ms frames, with the marks that follow
// each segment's last frame. The engine hands over PCM of any length; the pacer takes whole frames.
// Bytes live in one growing buffer (compacted in place), so steady streaming allocates nothing here.
import { encodeMulaw, MULAW_SILENCE } from "../../../lib/audio/mulaw";
import { FRAME_BYTES } from "./protocol";

const INITIAL_BYTES = 16 * 1024; // ~2 s of audio; grows for long replies synthesised ahead

export class OutboundQueue {
  /** Queued μ-law bytes live in `bytes[head, tail)`. */
  bytes = new Uint8Array(INITIAL_BYTES);
  private head = 0;
  private tail = 0;
  /** The segment owning the bytes after the last whole frame (a frame never mixes two segments). */
  private openSegment: string | null = null;
  /** Whole frames ever queued / ever taken: marks are placed on this frame clock. */
  private queuedFrames = 0;
  private takenFrames = 0;
  private marks: { name: string; afterFrame: number }[] = [];

  /** Encodes and appends agent audio. */
  push(segmentId: string, pcm: Int16Array): void {
    if (pcm.length === 0) return;
    if (this.openSegment !== null && this.openSegment !== segmentId) this.padPartial();
    this.reserve(pcm.length);
    encodeMulaw(pcm, this.bytes.subarray(this.tail, this.tail + pcm.length));
    this.tail += pcm.length;
    this.openSegment = segmentId;
    this.queuedFrames = this.takenFrames + Math.floor((this.tail - this.head) / FRAME_BYTES);
  }

  /** Pads the segment's last partial frame with silence and queues its mark right after it. */
  endSegment(segmentId: string): void {
    this.padPartial();
    this.marks.push({ name: segmentId, afterFrame: this.queuedFrames });
  }

  /** Whole frames ready to send. A trailing partial frame waits for more audio or endSegment. */
  framesReady(): number {
    return this.queuedFrames - this.takenFrames;
  }

  /** Takes the next whole frame; returns its offset in `bytes` (valid until the next push). */
  takeFrame(): number {
    if (this.framesReady() === 0) throw new Error("OutboundQueue.takeFrame: no whole frame queued");
    const at = this.head;
    this.head += FRAME_BYTES;
    this.takenFrames++;
    return at;
  }

  /** The next mark whose audio has all been taken, if any (call until undefined). */
  takeDueMark(): string | undefined {
    const next = this.marks[0];
    if (!next || next.afterFrame > this.takenFrames) return undefined;
    this.marks.shift();
    return next.name;
  }

  /**
   * Puts frames that were taken (sent) back in front of the queue, oldest first, with the marks that
   * followed them: the far end dropped them unplayed (a pause) and they go out again on resume.
   * `marks[i].afterFrame` counts frames from the start of `frames` (1 = after its first frame).
   */
  requeue(frames: Uint8Array, marks: readonly { name: string; afterFrame: number }[]): void {
    if (frames.length % FRAME_BYTES !== 0) throw new RangeError("OutboundQueue.requeue: whole frames only");
    const n = frames.length / FRAME_BYTES;
    if (n > this.takenFrames) throw new RangeError("OutboundQueue.requeue: more frames than were ever taken");
    if (this.head < frames.length) {
      // Make room in front: move what is queued up (growing the buffer if needed).
      const used = this.tail - this.head;
      const needed = frames.length + used;
      const target = needed <= this.bytes.length ? this.bytes : new Uint8Array(Math.max(this.bytes.length * 2, needed));
      if (target === this.bytes) this.bytes.copyWithin(frames.length, this.head, this.tail);
      else target.set(this.bytes.subarray(this.head, this.tail), frames.length);
      this.bytes = target;
      this.head = frames.length;
      this.tail = frames.length + used;
    }
    this.head -= frames.length;
    this.bytes.set(frames, this.head);
    this.takenFrames -= n;
    // The frame clock went back by n: the requeued marks sit on it before the ones still queued.
    this.marks.unshift(...marks.map((m) => ({ name: m.name, afterFrame: this.takenFrames + m.afterFrame })));
  }

  /** Drops every queued frame and unsent mark; returns the names of the dropped marks. */
  clear(): string[] {
    const dropped = this.marks.map((m) => m.name);
    this.marks = [];
    this.head = this.tail = 0;
    this.openSegment = null;
    this.queuedFrames = this.takenFrames;
    return dropped;
  }

  /** Nothing left to send: no frame, no partial frame, no mark. */
  isEmpty(): boolean {
    return this.tail === this.head && this.marks.length === 0;
  }

  /** Frames taken so far (the pacer's and the tests' frame clock). */
  get framesTaken(): number {
    return this.takenFrames;
  }

  private padPartial(): void {
    const rest = (this.tail - this.head) % FRAME_BYTES;
    if (rest !== 0) {
      const pad = FRAME_BYTES - rest;
      this.reserve(pad);
      this.bytes.fill(MULAW_SILENCE, this.tail, this.tail + pad);
      this.tail += pad;
    }
    this.queuedFrames = this.takenFrames + (this.tail - this.head) / FRAME_BYTES;
    this.openSegment = null;
  }

  private reserve(n: number): void {
    if (this.head === this.tail) this.head = this.tail = 0;
    if (this.tail + n <= this.bytes.length) return;
    const used = this.tail - this.head;
    if (used + n <= this.bytes.length) {
      this.bytes.copyWithin(0, this.head, this.tail);
    } else {
      let size = this.bytes.length * 2;
      while (size < used + n) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes.subarray(this.head, this.tail));
      this.bytes = grown;
    }
    this.head = 0;
    this.tail = used;
  }
}
