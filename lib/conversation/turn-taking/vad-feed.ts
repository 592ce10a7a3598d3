// Runs caller frames through the VAD strictly in order. A synchronous VAD is called inline (no
// promise per frame); an asynchronous one gets one frame at a time while later frames wait in a
// small queue, so results never reorder and no promise chain grows. A VAD that falls more than
// MAX_QUEUE frames behind loses the oldest waiting audio rather than memory without bound.
import type { VadStream } from "../../providers/speech/types";

const MAX_QUEUE = 50; // 1 s of audio

export type VadResult = (frame: Int16Array, prob: number, at: number) => void;

export class VadFeed {
  private busy = false;
  private closed = false;
  private readonly frames: Int16Array[] = [];
  private readonly times: number[] = [];
  /** Frames dropped because the VAD fell behind (for diagnostics). */
  dropped = 0;

  constructor(
    private readonly vad: VadStream,
    private readonly result: VadResult,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** `at`: when the frame arrived (ms). The frame is kept until processed: do not reuse it. */
  push(frame: Int16Array, at: number): void {
    if (this.closed) return;
    if (!this.busy) {
      this.run(frame, at);
      return;
    }
    if (this.frames.length >= MAX_QUEUE) {
      this.frames.shift();
      this.times.shift();
      this.dropped++;
    }
    this.frames.push(frame);
    this.times.push(at);
  }

  close(): void {
    this.closed = true;
    this.frames.length = 0;
    this.times.length = 0;
  }

  private run(frame: Int16Array, at: number): void {
    let prob: number | Promise<number>;
    try {
      prob = this.vad.process(frame);
    } catch (error) {
      this.failed(error);
      prob = 0;
    }
    if (typeof prob === "number") {
      this.result(frame, prob, at);
      return;
    }
    this.busy = true;
    prob.then(
      (p) => this.done(frame, p, at),
      (error: unknown) => {
        this.failed(error);
        this.done(frame, 0, at);
      },
    );
  }

  private done(frame: Int16Array, prob: number, at: number): void {
    this.busy = false;
    if (this.closed) return;
    this.result(frame, prob, at);
    while (!this.busy && !this.closed && this.frames.length > 0) {
      const next = this.frames.shift() as Int16Array;
      this.run(next, this.times.shift() as number);
    }
  }
}
