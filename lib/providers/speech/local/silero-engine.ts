// Where a batch of Silero windows is run. The batcher fills `input` and `state` for `b` rows, calls
// run(b), and reads `probs` and `next`. Two engines:
// - WorkerEngine (the default): onnxruntime runs on a thread of its own over shared memory, so the
//   voice server's event loop neither pays for the inference (~18 µs a window: ~0.1 of a core at 200
//   calls) nor stalls for it (a 200-row batch is ~3.5 ms, a late pacing tick for every call);
// - InlineEngine: on the calling thread (no thread to start; what the worker itself uses).
import { Worker } from "node:worker_threads";
import type { InferenceSession } from "onnxruntime-node";
import { SAMPLE_RATE } from "../types";
import { SILERO_INPUT, SILERO_STATE } from "./silero-batch-layout";
import { tsWorkerBootstrap } from "./ts-worker";

export interface BatchEngine {
  readonly maxBatch: number;
  readonly maxSteps: number;
  /** Windows: step s, row i at (s × maxBatch + i) × SILERO_INPUT. */
  readonly input: Float32Array;
  /** Each row's state before its first step, [2, b, 128] for the b rows of step 0. */
  readonly state: Float32Array;
  /** probs[s × maxBatch + i]: row i's window of step s. */
  readonly probs: Float32Array;
  /** Each row's state after its last step, [2, b, 128] like `state`. */
  readonly next: Float32Array;
  /**
   * Runs `rows.length` steps, one after the other: step s runs rows 0..rows[s]−1 (non-increasing), each
   * from the state its previous step left. One call catches a stream up by several windows, so a
   * round trip slower than a window (a loaded machine) no longer lets the VAD fall behind.
   */
  run(rows: readonly number[]): Promise<void>;
  close(): Promise<void>;
}

type Ort = typeof import("onnxruntime-node");

export async function loadSileroSession(modelPath: string): Promise<{ ort: Ort; session: InferenceSession }> {
  const mod = (await import("onnxruntime-node")) as Ort & { default?: Ort };
  const ort = mod.default ?? mod;
  const session = await ort.InferenceSession.create(modelPath, {
    // A batch is a few ms of work at most: thread hand-offs inside it would cost more than they
    // save, and with hundreds of calls the parallelism is the batch itself.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  return { ort, session };
}

/** Buffers for `maxSteps` steps of `maxBatch` rows, on memory shared with a worker or on the heap. */
function layout(maxBatch: number, maxSteps: number, shared: boolean) {
  const floats = [maxSteps * maxBatch * SILERO_INPUT, 2 * maxBatch * SILERO_STATE, maxSteps * maxBatch, 2 * maxBatch * SILERO_STATE];
  const make = (n: number) => new Float32Array(shared ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4));
  const [input, state, probs, next] = floats.map(make) as [Float32Array, Float32Array, Float32Array, Float32Array];
  return { input, state, probs, next };
}

/** Rows of each step: at least one step, none above `maxBatch` rows or `maxSteps` steps, never growing. */
function checkSteps(rows: readonly number[], maxBatch: number, maxSteps: number): void {
  const ok = rows.length >= 1 && rows.length <= maxSteps && rows.every((b, s) => Number.isInteger(b) && b >= 1 && b <= maxBatch && (s === 0 || b <= rows[s - 1]!));
  if (!ok) throw new RangeError(`Silero run: bad step sizes [${rows.join(", ")}] (at most ${maxSteps} steps of 1..${maxBatch} rows, non-increasing)`);
}

export class InlineEngine implements BatchEngine {
  readonly input: Float32Array;
  readonly state: Float32Array;
  readonly probs: Float32Array;
  readonly next: Float32Array;
  private readonly sr: import("onnxruntime-node").Tensor;
  // onnxruntime refuses tensors over shared memory ("Invalid argument"): a worker's windows are copied
  // into this first (~0.1 ms for 200 rows).
  private readonly heapInput: Float32Array | null;

  /** `buffers`: run over these (a worker's shared memory) instead of its own. */
  constructor(
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    readonly maxBatch: number,
    readonly maxSteps: number,
    buffers?: Pick<BatchEngine, "input" | "state" | "probs" | "next">,
  ) {
    ({ input: this.input, state: this.state, probs: this.probs, next: this.next } = buffers ?? layout(maxBatch, maxSteps, false));
    this.heapInput = buffers ? new Float32Array(maxBatch * SILERO_INPUT) : null;
    this.sr = new ort.Tensor("int64", BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);
  }

  async run(rows: readonly number[]): Promise<void> {
    checkSteps(rows, this.maxBatch, this.maxSteps);
    const S = SILERO_STATE;
    const b0 = rows[0]!;
    // The state going into the current step, [2, b, S] for its b rows (a heap copy: see heapInput).
    let state: Float32Array = this.state.slice(0, 2 * b0 * S);
    let stride = b0;
    const [probName, stateName] = this.session.outputNames as [string, string];
    for (let s = 0; s < rows.length; s++) {
      const b = rows[s]!;
      if (b < stride) state = packRows(state, stride, b);
      let input = this.input.subarray(s * this.maxBatch * SILERO_INPUT, (s * this.maxBatch + b) * SILERO_INPUT);
      if (this.heapInput) {
        this.heapInput.set(input);
        input = this.heapInput.subarray(0, b * SILERO_INPUT);
      }
      const out = await this.session.run({
        input: new this.ort.Tensor("float32", input, [b, SILERO_INPUT]),
        state: new this.ort.Tensor("float32", state, [2, b, S]),
        sr: this.sr,
      });
      this.probs.set(out[probName]!.data as Float32Array, s * this.maxBatch);
      state = out[stateName]!.data as Float32Array;
      stride = b;
      // Rows 0..b−1 have now run this step: their state so far is this step's.
      this.next.set(state.subarray(0, b * S), 0);
      this.next.set(state.subarray(b * S, 2 * b * S), b0 * S);
    }
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

/** The first `b` rows of a [2, stride, S] state, as [2, b, S]. */
function packRows(state: Float32Array, stride: number, b: number): Float32Array {
  const S = SILERO_STATE;
  const out = new Float32Array(2 * b * S);
  out.set(state.subarray(0, b * S), 0);
  out.set(state.subarray(stride * S, (stride + b) * S), b * S);
  return out;
}

export interface WorkerInit {
  modelPath: string;
  maxBatch: number;
  maxSteps: number;
  input: SharedArrayBuffer;
  state: SharedArrayBuffer;
  probs: SharedArrayBuffer;
  next: SharedArrayBuffer;
}

/** Longest close() waits for a model load in progress. */
const LOAD_WAIT_MS = 10_000;

export type WorkerReply = { type: "ready" } | { type: "done"; seq: number } | { type: "failed"; seq: number; message: string } | { type: "fatal"; message: string };

export class WorkerEngine implements BatchEngine {
  readonly input: Float32Array;
  readonly state: Float32Array;
  readonly probs: Float32Array;
  readonly next: Float32Array;
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private seq = 0;
  private pending: { seq: number; resolve(): void; reject(e: Error): void } | undefined;

  constructor(
    private readonly modelPath: string,
    readonly maxBatch: number,
    readonly maxSteps: number,
  ) {
    ({ input: this.input, state: this.state, probs: this.probs, next: this.next } = layout(maxBatch, maxSteps, true));
  }

  /** Starts the thread and loads the model (run() does it too; servers call it at start-up). */
  start(): Promise<void> {
    this.ready ??= this.spawn();
    return this.ready;
  }

  async run(rows: readonly number[]): Promise<void> {
    checkSteps(rows, this.maxBatch, this.maxSteps);
    await this.start();
    const worker = this.worker;
    if (!worker) throw new Error("Silero worker is not running");
    const seq = ++this.seq;
    await new Promise<void>((resolve, reject) => {
      this.pending = { seq, resolve, reject };
      worker.ref(); // a batch in flight keeps the process up; idle, the thread does not
      worker.postMessage({ seq, rows });
    });
  }

  async close(): Promise<void> {
    // A thread ended while onnxruntime loads the model aborts the whole process ("terminate called
    // after throwing an instance of 'Napi::Error'", seen on dev restarts): let the load finish first.
    if (this.ready) await Promise.race([this.ready.catch(() => undefined), new Promise((r) => setTimeout(r, LOAD_WAIT_MS).unref())]);
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    this.pending?.reject(new Error("VAD closed"));
    this.pending = undefined;
    if (worker) await worker.terminate();
  }

  private spawn(): Promise<void> {
    const init: WorkerInit = {
      modelPath: this.modelPath,
      maxBatch: this.maxBatch,
      maxSteps: this.maxSteps,
      input: this.input.buffer as SharedArrayBuffer,
      state: this.state.buffer as SharedArrayBuffer,
      probs: this.probs.buffer as SharedArrayBuffer,
      next: this.next.buffer as SharedArrayBuffer,
    };
    const worker = new Worker(tsWorkerBootstrap("silero-worker.ts"), { eval: true, execArgv: [], workerData: init });
    this.worker = worker;
    worker.unref();
    return new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => {
        if (this.worker !== worker) return;
        // The next run starts a new thread (a crash of the native runtime must not end VAD for good).
        this.worker = undefined;
        this.ready = undefined;
        reject(err);
        this.pending?.reject(err);
        this.pending = undefined;
      };
      worker.on("message", (m: WorkerReply) => {
        if (m.type === "ready") return resolve();
        if (m.type === "fatal") return fail(new Error(`Silero worker could not start: ${m.message}`));
        const p = this.pending;
        if (!p || p.seq !== m.seq) return;
        this.pending = undefined;
        worker.unref();
        if (m.type === "done") p.resolve();
        else p.reject(new Error(`Silero VAD run failed: ${m.message}`));
      });
      worker.on("error", (e) => fail(new Error(`Silero worker failed: ${e.message}`, { cause: e })));
      worker.on("exit", (code) => fail(new Error(`Silero worker exited with code ${code}`)));
    });
  }
}
