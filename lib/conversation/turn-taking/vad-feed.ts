// Runs caller frames through the VAD and hands the results on strictly in order. A synchronous VAD
// is called inline (no promise per frame). An asynchronous one (the batched Silero) is given every
// frame at once, as it arrives, and its answers are delivered in arrival order as they resolve: the
// VAD's throughput is then not tied to the round trip of one answer (a feed that waited for each
// answer before handing in the next frame fell behind for good once the event loop was busy enough
// to make that round trip longer than a frame). At most MAX_PENDING frames wait for answers; past
// that (a VAD more than a second behind) new frames are not scored, and are counted.
import type { VadStream } from "../../providers/speech/types";

const MAX_PENDING = 50; // 1 s of audio

export type VadResult = (frame: Int16Array, prob: number, at: number) => void;

interface Waiting {
  frame: Int16Array;
  at: number;
  prob: number;
  ready: boolean;
}

export class VadFeed {
  private closed = false;
  private readonly pending: Waiting[] = [];
  /** Frames not scored because the VAD fell behind (for diagnostics). */
  dropped = 0;

  constructor(
    private readonly vad: VadStream,
    private readonly result: VadResult,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** `at`: when the frame arrived (ms). The frame is kept until its result is delivered: do not reuse it. */
  push(frame: Int16Array, at: number): void {
    if (this.closed) return;
    if (this.pending.length >= MAX_PENDING) {
      this.dropped++;
      return;
    }
    let prob: number | Promise<number>;
    try {
      prob = this.vad.process(frame);
    } catch (error) {
      this.failed(error);
      prob = 0;
    }
    if (typeof prob === "number") {
      if (this.pending.length === 0) return this.result(frame, prob, at);
      this.pending.push({ frame, at, prob, ready: true });
      return;
    }
    const item: Waiting = { frame, at, prob: 0, ready: false };
    this.pending.push(item);
    prob.then(
      (p) => this.settle(item, p),
      (error: unknown) => {
        this.failed(error);
        this.settle(item, 0);
      },
    );
  }

  close(): void {
    this.closed = true;
    this.pending.length = 0;
  }

  private settle(item: Waiting, prob: number): void {
    item.prob = prob;
    item.ready = true;
    while (!this.closed && this.pending[0]?.ready) {
      const next = this.pending.shift() as Waiting;
      this.result(next.frame, next.prob, next.at);
    }
  }
}
