// Local speech recognition off the event loop: SphinxStt (grammar decoding, 1-2 ms of CPU per 20 ms
// frame while a caller speaks) runs in a small pool of worker threads, so that decoding for many
// calls does not delay the shared outbound pacing tick, barge-in or replies on the main thread.
// Each stream is pinned to one worker, the least loaded when it opens; its frames are copied into a
// batch and posted every few frames (the buffer is transferred, not copied again), and the worker
// pushes the partial hypothesis back whenever it changes, so partial() stays synchronous.
// A worker that dies fails what its streams were waiting for (the engine hears "not understood"); a
// stream that lost its worker opens again on a live one (a fresh worker if need be) at its next frame.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type AnswerKind, FRAME_SAMPLES, SAMPLE_RATE, type SttContext, type SttProvider, type SttResult, type SttStream } from "../types";
import type { SphinxSttOptions } from "./sphinx-stt";
import type { SttReply, SttRequest, SttWorkerData } from "./stt-protocol";
import { tsWorkerBootstrap } from "./ts-worker";

/** Frames per posted batch: 60 ms, a message per stream every three frames instead of every one. */
const BATCH_FRAMES = 3;

export interface ThreadedSttOptions {
  /** Worker threads (STT_THREADS via the speech index); default: every core on 1-2 cores, else one fewer. */
  threads?: number;
  /** Options of the SphinxStt inside every worker. */
  sphinx?: SphinxSttOptions;
}

export class SttThreadsConfigError extends Error {
  readonly code = "STT_THREADS_INVALID";
  constructor(value: string) {
    super(`STT_THREADS="${value}" must be a whole number: 1 to 64 worker threads for speech recognition, or 0 for none (the speech provider index then recognises on the main thread)`);
    this.name = "SttThreadsConfigError";
  }
}

export class SttWorkerError extends Error {
  readonly code = "STT_WORKER_FAILED";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SttWorkerError";
  }
}

function threadCount(opts: ThreadedSttOptions): number {
  if (opts.threads !== undefined) {
    if (!Number.isInteger(opts.threads) || opts.threads < 1 || opts.threads > 64) throw new SttThreadsConfigError(String(opts.threads));
    return opts.threads;
  }
  // Leave a core to the event loop where there are cores to spare; on 1-2 cores recognition is the
  // bottleneck (measured at 20 calls on 2 cores: 2 threads p50 1.0 s to first audio vs 1.7 s with 1),
  // and the pacing tick kept its jitter either way, so recognition gets every core.
  const cores = availableParallelism();
  return cores <= 2 ? cores : cores - 1;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One worker thread and the streams pinned to it. */
class Slot {
  readonly streams = new Set<ThreadedStream>();
  /** Requests (load, open, finalize) waiting for an answer: the worker is ref'd while there are any. */
  readonly pending = new Map<number, Pending>();
  dead?: Error;

  constructor(readonly worker: Worker) {
    worker.unref();
  }

  post(msg: SttRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(msg, transfer);
  }

  request<T>(msg: SttRequest & { req: number }): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(msg.req, { resolve: resolve as (v: unknown) => void, reject });
      this.post(msg);
    });
  }

  settle(req: number): Pending | undefined {
    const p = this.pending.get(req);
    if (!p) return undefined;
    this.pending.delete(req);
    if (this.pending.size === 0) this.worker.unref();
    return p;
  }
}

/** Worker threads as seen from the main thread (tests and capacity checks). */
export interface ThreadedSttStats {
  workers: { threadId: number; streams: number }[];
  /** Workers that died and were replaced (or will be, at the next stream). */
  restarts: number;
}

export class ThreadedStt implements SttProvider {
  readonly name = "sphinx";
  readonly threads: number;
  private readonly slots: (Slot | undefined)[];
  private readonly streams = new Map<number, ThreadedStream>();
  private nextId = 1;
  private nextReq = 1;
  private restarts = 0;
  private closed = false;

  constructor(private readonly opts: ThreadedSttOptions = {}) {
    this.threads = threadCount(opts);
    this.slots = new Array<Slot | undefined>(this.threads).fill(undefined);
  }

  /** Starts every worker and loads the recogniser in each (servers call it at start-up). */
  async load(): Promise<void> {
    if (this.closed) throw new Error("ThreadedStt is closed");
    await Promise.all(this.slots.map((_, i) => this.live(i).request({ type: "load", req: this.nextReq++ })));
  }

  async createStream(ctx: SttContext): Promise<SttStream> {
    if (this.closed) throw new Error("ThreadedStt is closed");
    const context: SttContext = { language: ctx.language, phrases: [...ctx.phrases] };
    const stream = new ThreadedStream(this.nextId++, context, this);
    // Opening compiles the grammar (cached by content in the worker): a bad one fails here.
    try {
      await this.attach(stream);
    } catch (e) {
      this.detach(stream);
      throw e;
    }
    return stream;
  }

  stats(): ThreadedSttStats {
    const workers = this.slots.flatMap((s) => (s && !s.dead ? [{ threadId: s.worker.threadId, streams: s.streams.size }] : []));
    return { workers, restarts: this.restarts };
  }

  /** The worker a stream is pinned to now (tests kill it to check recovery). */
  workerOf(stream: SttStream): Worker | undefined {
    return stream instanceof ThreadedStream ? stream.slot?.worker : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0).filter((s): s is Slot => !!s);
    for (const stream of [...this.streams.values()]) stream.close();
    const closed = new SttWorkerError("ThreadedStt is closed");
    for (const slot of slots) this.fail(slot, closed);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** Pins `stream` to the least-loaded worker and opens it there; resolves when the worker has it open. */
  attach(stream: ThreadedStream): Promise<void> {
    if (this.closed) return Promise.reject(new Error("ThreadedStt is closed"));
    let best = 0;
    for (let i = 1; i < this.slots.length; i++) if (load(this.slots[i]) < load(this.slots[best])) best = i;
    const slot = this.live(best);
    slot.streams.add(stream);
    this.streams.set(stream.id, stream);
    stream.slot = slot;
    return slot.request({ type: "open", req: this.nextReq++, id: stream.id, ctx: stream.ctx, answer: stream.answer });
  }

  finalize(stream: ThreadedStream, slot: Slot): Promise<SttResult> {
    return slot.request({ type: "finalize", req: this.nextReq++, id: stream.id });
  }

  detach(stream: ThreadedStream): void {
    stream.slot?.streams.delete(stream);
    this.streams.delete(stream.id);
  }

  private live(i: number): Slot {
    const slot = this.slots[i];
    if (slot && !slot.dead) return slot;
    return (this.slots[i] = this.spawn());
  }

  private spawn(): Slot {
    const data: SttWorkerData = { sphinx: this.opts.sphinx ?? {} };
    const slot = new Slot(new Worker(tsWorkerBootstrap("stt-worker.ts"), { eval: true, execArgv: [], workerData: data }));
    slot.worker.on("message", (reply: SttReply) => this.onReply(slot, reply));
    slot.worker.on("error", (e) => this.fail(slot, new SttWorkerError(`speech recognition worker failed: ${e.message}`, { cause: e })));
    slot.worker.on("exit", (code) => this.fail(slot, new SttWorkerError(`speech recognition worker exited with code ${code}`)));
    return slot;
  }

  private fail(slot: Slot, error: Error): void {
    if (slot.dead) return;
    slot.dead = error;
    if (!this.closed) this.restarts++;
    for (const p of slot.pending.values()) p.reject(error);
    slot.pending.clear();
    for (const stream of slot.streams) stream.lost(error);
    slot.streams.clear();
  }

  private onReply(slot: Slot, reply: SttReply): void {
    if (slot.dead) return;
    switch (reply.type) {
      case "partial":
        this.streams.get(reply.id)?.onPartial(reply.utt, reply.text);
        return;
      case "done":
        slot.settle(reply.req)?.resolve(undefined);
        return;
      case "result":
        slot.settle(reply.req)?.resolve(reply.result);
        return;
      case "error": {
        const error = new SttWorkerError(`speech recognition: ${reply.message}`);
        if (reply.req !== undefined) slot.settle(reply.req)?.reject(error);
        // An error outside a request (a write) spoils the stream's current utterance.
        else if (reply.id !== undefined) this.streams.get(reply.id)?.spoil(error);
        return;
      }
    }
  }
}

const load = (slot: Slot | undefined) => (slot && !slot.dead ? slot.streams.size : 0);

class ThreadedStream implements SttStream {
  readonly closedVocabulary = true;
  slot?: Slot;
  private batch = new Int16Array(BATCH_FRAMES * FRAME_SAMPLES);
  private batched = 0;
  /** Utterance number: moves on at every finalize and reset (the worker's partials carry it). */
  private utt = 0;
  private latest = "";
  private samples = 0;
  /** Why the current utterance's audio is gone (its worker died, a write failed there). */
  private spoiled?: Error;
  private readonly finalizing = new Set<Pending>();
  /** What the agent last asked for (sent again when the stream reopens on another worker). */
  answer: AnswerKind = "open";
  private closed = false;

  constructor(
    readonly id: number,
    readonly ctx: SttContext,
    private readonly owner: ThreadedStt,
  ) {}

  write(frame: Int16Array): void {
    if (this.closed) throw new Error("STT stream is closed");
    if (frame.length === 0) return;
    if (!this.slot) {
      // Its worker died: open again on a live one. A failure to open spoils this utterance only.
      this.owner.attach(this).catch((e: unknown) => this.spoil(e instanceof Error ? e : new Error(String(e))));
      if (!this.slot) return;
    }
    if (this.batched + frame.length > this.batch.length) {
      this.flush();
      if (frame.length > this.batch.length) this.batch = new Int16Array(frame.length);
    }
    this.batch.set(frame, this.batched);
    this.batched += frame.length;
    this.samples += frame.length;
    if (this.batched >= BATCH_FRAMES * FRAME_SAMPLES) this.flush();
  }

  partial(): string {
    return this.latest;
  }

  finalize(): Promise<SttResult> {
    if (this.closed) return Promise.reject(new Error("STT stream is closed"));
    const [spoiled, samples, slot] = [this.spoiled, this.samples, this.slot];
    this.flush();
    this.nextUtterance();
    if (spoiled) {
      slot?.post({ type: "reset", id: this.id });
      return Promise.reject(spoiled);
    }
    if (!slot || samples === 0) return Promise.resolve({ text: "", understood: false, audioSec: samples / SAMPLE_RATE });
    return new Promise<SttResult>((resolve, reject) => {
      const pending: Pending = { resolve: resolve as (v: unknown) => void, reject };
      this.finalizing.add(pending);
      const settle = () => this.finalizing.delete(pending);
      this.owner.finalize(this, slot).then(
        (result) => {
          settle();
          resolve(result);
        },
        (e: Error) => {
          settle();
          reject(e);
        },
      );
    });
  }

  reset(): void {
    if (this.closed) return;
    this.batched = 0;
    this.nextUtterance();
    this.slot?.post({ type: "reset", id: this.id });
  }

  expectAnswer(kind: AnswerKind): void {
    if (this.closed || kind === this.answer) return;
    this.answer = kind;
    // After the audio batched so far, which belongs to the utterance under way.
    this.flush();
    this.slot?.post({ type: "expect", id: this.id, answer: kind });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.batched = 0;
    this.slot?.post({ type: "close", id: this.id });
    this.owner.detach(this);
    this.slot = undefined;
    const error = new Error("STT stream is closed");
    for (const p of this.finalizing) p.reject(error);
    this.finalizing.clear();
  }

  onPartial(utt: number, text: string): void {
    if (utt === this.utt) this.latest = text;
  }

  /** The worker died: what was waiting fails, this utterance's audio is gone; the next frame reopens. */
  lost(error: Error): void {
    this.slot = undefined;
    this.batched = 0;
    this.latest = "";
    for (const p of this.finalizing) p.reject(error);
    this.finalizing.clear();
    if (this.samples > 0) this.spoiled = error;
  }

  spoil(error: Error): void {
    if (this.samples > 0 || this.batched > 0) this.spoiled ??= error;
  }

  private nextUtterance(): void {
    this.utt++;
    this.latest = "";
    this.samples = 0;
    this.spoiled = undefined;
  }

  /** Posts the batch, handing its memory to the worker (a new one is taken for the next frames). */
  private flush(): void {
    if (this.batched === 0 || !this.slot) return;
    const pcm = this.batched === this.batch.length ? this.batch : this.batch.slice(0, this.batched);
    this.slot.post({ type: "audio", id: this.id, utt: this.utt, pcm }, [pcm.buffer as ArrayBuffer]);
    this.batch = new Int16Array(Math.max(BATCH_FRAMES * FRAME_SAMPLES, this.batch.length));
    this.batched = 0;
  }
}
