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
  readonly input: Float32Array;
  readonly state: Float32Array;
  readonly probs: Float32Array;
  readonly next: Float32Array;
  /** Runs rows 0..b-1: probs[i] and next ([2, b, 128]) are valid until the next run. */
  run(b: number): Promise<void>;
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

/** Buffers for `maxBatch` rows, on `memory` (shared with a worker) or on the heap. */
function layout(maxBatch: number, shared: boolean) {
  const floats = [maxBatch * SILERO_INPUT, 2 * maxBatch * SILERO_STATE, maxBatch, 2 * maxBatch * SILERO_STATE];
  const make = (n: number) => new Float32Array(shared ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4));
  const [input, state, probs, next] = floats.map(make) as [Float32Array, Float32Array, Float32Array, Float32Array];
  return { input, state, probs, next };
}

export class InlineEngine implements BatchEngine {
  readonly input: Float32Array;
  readonly state: Float32Array;
  readonly probs: Float32Array;
  readonly next: Float32Array;
  private readonly sr: import("onnxruntime-node").Tensor;
  // onnxruntime refuses tensors over shared memory ("Invalid argument"): a worker's rows are copied
  // into these first (~0.1 ms for 200 rows).
  private readonly heap: { input: Float32Array; state: Float32Array } | null;

  /** `buffers`: run over these (a worker's shared memory) instead of its own. */
  constructor(
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    maxBatch: number,
    buffers?: Pick<BatchEngine, "input" | "state" | "probs" | "next">,
  ) {
    ({ input: this.input, state: this.state, probs: this.probs, next: this.next } = buffers ?? layout(maxBatch, false));
    this.heap = buffers ? { input: new Float32Array(this.input.length), state: new Float32Array(this.state.length) } : null;
    this.sr = new ort.Tensor("int64", BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);
  }

  async run(b: number): Promise<void> {
    let input = this.input.subarray(0, b * SILERO_INPUT);
    let state = this.state.subarray(0, 2 * b * SILERO_STATE);
    if (this.heap) {
      this.heap.input.set(input);
      this.heap.state.set(state);
      input = this.heap.input.subarray(0, input.length);
      state = this.heap.state.subarray(0, state.length);
    }
    const out = await this.session.run({
      input: new this.ort.Tensor("float32", input, [b, SILERO_INPUT]),
      state: new this.ort.Tensor("float32", state, [2, b, SILERO_STATE]),
      sr: this.sr,
    });
    const [probName, stateName] = this.session.outputNames as [string, string];
    this.probs.set(out[probName]!.data as Float32Array);
    this.next.set(out[stateName]!.data as Float32Array);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

export interface WorkerInit {
  modelPath: string;
  maxBatch: number;
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
    private readonly maxBatch: number,
  ) {
    ({ input: this.input, state: this.state, probs: this.probs, next: this.next } = layout(maxBatch, true));
  }

  /** Starts the thread and loads the model (run() does it too; servers call it at start-up). */
  start(): Promise<void> {
    this.ready ??= this.spawn();
    return this.ready;
  }

  async run(b: number): Promise<void> {
    await this.start();
    const worker = this.worker;
    if (!worker) throw new Error("Silero worker is not running");
    const seq = ++this.seq;
    await new Promise<void>((resolve, reject) => {
      this.pending = { seq, resolve, reject };
      worker.ref(); // a batch in flight keeps the process up; idle, the thread does not
      worker.postMessage({ seq, b });
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
