// Runs the Silero windows of every call in batched inferences. One onnxruntime run costs ~65 µs
// whatever its size up to a handful of rows (binding, tensor and scheduling overhead); a batch of 32
// or more costs ~18 µs a row (measured on this machine: 200 calls × 31 windows/s went from ~0.4 of a
// core to ~0.11). Windows that become ready within a few ms of each other share a run, and a loaded
// server runs at most one per 10 ms round; runs happen on the engine's thread (silero-engine.ts).
//
// The model is recurrent: a stream's window needs the state its previous window left, so a batch holds
// at most one window per stream, and a stream's later windows go in the following rounds (a stream
// makes a window every 32 ms, so a round every 10 ms keeps up with any number of them). A stream never waits for its answer to
// hand in the next window, so a loaded event loop delays answers but does not throttle throughput (a
// stream that could only have one window in flight fell behind for good once a round trip exceeded
// the 32 ms a window lasts).
import type { BatchEngine } from "./silero-engine";
import { SILERO_INPUT, SILERO_STATE } from "./silero-batch-layout";

export { SILERO_CONTEXT, SILERO_INPUT, SILERO_STATE, SILERO_WINDOW } from "./silero-batch-layout";

interface Pending {
  /** [context | window], SILERO_INPUT floats. */
  input: Float32Array;
  /** The row's generation when it was queued: a window from before a reset leaves no state behind. */
  generation: number;
  resolve(prob: number): void;
  reject(error: unknown): void;
}

/** One stream as the batcher sees it: its recurrent state and its windows waiting, oldest first. */
export class SileroRow {
  /** 2 × SILERO_STATE floats (layer 0 then layer 1). */
  readonly state = new Float32Array(2 * SILERO_STATE);
  readonly pending: Pending[] = [];
  /** In the batcher's active list. */
  active = false;
  /** Window buffers handed back after a run, reused for the next windows. */
  readonly spare: Float32Array[] = [];
  /** Bumped by reset(). */
  generation = 0;

  /** Forget the state; windows already queued are still answered but no longer carry it forward. */
  reset(): void {
    this.state.fill(0);
    this.generation++;
  }
}

export const DEFAULT_MAX_BATCH = 256;
/** Windows of one stream one run may catch up (6 × 32 ms: a round trip may take ~190 ms before the VAD falls behind). */
export const DEFAULT_MAX_STEPS = 6;

export interface SileroBatchOptions {
  /** Longest a window that finds the batcher idle waits for others to share its run, ms. Default 4. */
  waitMs?: number;
  /** While windows keep waiting (a loaded server), one run per this period at most, ms. Default 10. */
  roundMs?: number;
}

export class SileroBatcher {
  private readonly waitMs: number;
  private readonly roundMs: number;
  private active: SileroRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private closed = false;
  /** Runs and rows so far (diagnostics and tests). */
  runs = 0;
  rows = 0;

  /** The engine's maxBatch bounds the streams in a run, its maxSteps the windows of one stream. */
  constructor(
    private readonly engine: BatchEngine,
    opts: SileroBatchOptions = {},
  ) {
    this.waitMs = opts.waitMs ?? 4;
    this.roundMs = opts.roundMs ?? 10;
  }

  /**
   * Queues `input` (a full [context | window]) as `row`'s next window; resolves with its speech
   * probability. `generation`: the row's when the window was cut (a window handed in late, after a
   * reset, must not chain into the state of the windows after it).
   */
  submit(row: SileroRow, input: Float32Array, generation = row.generation): Promise<number> {
    if (this.closed) return Promise.reject(new Error("VAD closed"));
    return new Promise<number>((resolve, reject) => {
      row.pending.push({ input, generation, resolve, reject });
      if (!row.active) {
        row.active = true;
        this.active.push(row);
      }
      // A flush in progress takes it in its next round; otherwise wait a little for company.
      if (!this.running) this.timer ??= setTimeout(() => void this.flush(), this.waitMs);
    });
  }

  /**
   * One round, then (if windows wait) the next one a round period after this one started: under load
   * at most one run per period, however the windows arrive. Back-to-back rounds of a few windows each cost a
   * message to the thread and a wake-up of it every ~3 ms (at 150 calls, 3.6% of the event loop).
   */
  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.running || this.closed) return;
    this.running = true;
    const started = performance.now();
    try {
      if (this.active.length > 0) await this.round();
    } finally {
      this.running = false;
    }
    if (this.active.length > 0 && !this.closed) this.timer ??= setTimeout(() => void this.flush(), Math.max(0, this.roundMs - (performance.now() - started)));
  }

  /**
   * One run: up to maxBatch streams, each with its waiting windows (up to the engine's maxSteps, and
   * only windows from the same side of a reset) as consecutive steps. Streams with the most windows go
   * first, so each step runs a prefix of the rows.
   */
  private async round(): Promise<void> {
    const { input, state, maxBatch } = this.engine;
    const rows = this.active.slice(0, maxBatch);
    const steps = new Map<SileroRow, number>();
    for (const row of rows) steps.set(row, this.stepsOf(row));
    rows.sort((x, y) => steps.get(y)! - steps.get(x)!);
    const b = rows.length;
    const counts: number[] = [];
    for (let i = 0; i < b; i++) {
      const row = rows[i]!;
      const k = steps.get(row)!;
      for (let s = 0; s < k; s++) {
        input.set(row.pending[s]!.input, (s * maxBatch + i) * SILERO_INPUT);
        counts[s] = (counts[s] ?? 0) + 1;
      }
      state.set(row.state.subarray(0, SILERO_STATE), i * SILERO_STATE);
      state.set(row.state.subarray(SILERO_STATE), (b + i) * SILERO_STATE);
    }
    let failure: unknown;
    try {
      await this.engine.run(counts);
      this.runs++;
      for (const n of counts) this.rows += n;
    } catch (error) {
      failure = error ?? new Error("VAD run failed");
    }
    const { probs, next } = this.engine;
    for (let i = 0; i < b; i++) {
      const row = rows[i]!;
      const k = steps.get(row)!;
      const generation = row.pending[0]!.generation;
      for (let s = 0; s < k; s++) {
        const done = row.pending.shift()!;
        row.spare.push(done.input);
        if (failure === undefined) done.resolve(probs[s * maxBatch + i]!);
        else done.reject(failure);
      }
      // Windows from before a reset leave no state behind.
      if (failure === undefined && generation === row.generation) {
        row.state.set(next.subarray(i * SILERO_STATE, (i + 1) * SILERO_STATE), 0);
        row.state.set(next.subarray((b + i) * SILERO_STATE, (b + i + 1) * SILERO_STATE), SILERO_STATE);
      }
    }
    // Rows with nothing left leave the active list (order kept: the oldest streams go first).
    let w = 0;
    for (const row of this.active) {
      if (row.pending.length > 0) this.active[w++] = row;
      else row.active = false;
    }
    this.active.length = w;
  }

  /** The row's windows that can run as consecutive steps now: the first, and those after it from the same generation. */
  private stepsOf(row: SileroRow): number {
    const first = row.pending[0]!.generation;
    let k = 1;
    while (k < row.pending.length && k < this.engine.maxSteps && row.pending[k]!.generation === first) k++;
    return k;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const row of this.active) {
      for (const p of row.pending.splice(0)) p.reject(new Error("VAD closed"));
      row.active = false;
    }
    this.active = [];
  }
}
