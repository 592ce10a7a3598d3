// Local text-to-speech: espeak-ng (WebAssembly) in ONE worker thread per provider instance (the
// index keeps one instance per process). Requests queue here, first come first served, and run one at
// a time in the worker; each streams its audio back as espeak produces it, resampled in the worker
// from espeak's 22050 Hz to telephone PCM. Aborting a queued request drops it; aborting the running one stops
// espeak at its next chunk through a shared cancel slot.
import { Worker } from "node:worker_threads";
import { SAMPLE_RATE, type SynthesisRequest, type TtsProvider, type Voice } from "../types";
import { CANCEL_SLOT, type SynthMessage, type WorkerReply } from "./espeak-protocol";
import { tsWorkerBootstrap } from "./ts-worker";
import { DEFAULT_ESPEAK_VOICE, ESPEAK_PROVIDER, ESPEAK_VOICES, resolveEspeakVoice } from "./espeak-voices";

interface Job {
  id: number;
  text: string;
  voice: string;
  chunks: Int16Array[];
  finished: boolean;
  error?: Error;
  wake?: () => void;
}

/** Text espeak should read literally: no control characters, no "[[" (espeak's phoneme-input escape). */
export function cleanSpeechText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\[\[/g, "[ [")
    .replace(/\s+/g, " ")
    .trim();
}

export class EspeakTts implements TtsProvider {
  readonly name = ESPEAK_PROVIDER;
  private worker?: Worker;
  private ready = false; // the worker has loaded espeak (it resamples to 8 kHz itself)
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));
  private readonly queue: Job[] = [];
  private running?: Job;
  private nextId = 1;
  private closed = false;

  voices(): Promise<Voice[]> {
    return Promise.resolve(ESPEAK_VOICES.map(({ espeak: _espeak, ...v }) => v));
  }

  async *synthesize(req: SynthesisRequest): AsyncGenerator<Int16Array, void, undefined> {
    if (this.closed) throw new Error("EspeakTts is closed");
    const text = cleanSpeechText(req.text);
    const { signal } = req;
    if (!text || signal?.aborted) return;
    const job: Job = { id: this.nextId++, text, voice: resolveEspeakVoice(req.voiceId).espeak, chunks: [], finished: false };
    const onAbort = () => this.stop(job);
    signal?.addEventListener("abort", onAbort, { once: true });
    this.queue.push(job);
    this.pump();
    try {
      for (;;) {
        const chunk = job.chunks.shift();
        if (chunk) {
          yield chunk;
          continue;
        }
        if (job.error) throw job.error;
        if (job.finished) return;
        await new Promise<void>((resolve) => (job.wake = resolve));
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      // A consumer that stops iterating early (break, barge-in) also frees the worker.
      this.stop(job);
    }
  }

  /**
   * Starts the worker and runs one sentence through it. espeak's WebAssembly is slow for its first few
   * sentences (it is still being optimised): servers call this at start-up so the first caller does not pay.
   */
  async warmUp(): Promise<void> {
    for (const text of ["Warming up.", "Thanks for calling, how can I help you today?"]) {
      for await (const _chunk of this.synthesize({ text, voiceId: DEFAULT_ESPEAK_VOICE.id })) void _chunk;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.queue, ...(this.running ? [this.running] : [])]) this.stop(job);
    this.queue.length = 0;
    this.running = undefined;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private stop(job: Job): void {
    if (job.finished) return;
    job.finished = true;
    job.chunks.length = 0;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    if (this.running === job) Atomics.store(this.cancel, CANCEL_SLOT, job.id);
    job.wake?.();
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const worker = this.worker ?? this.spawn();
    if (!this.ready) return; // "ready" calls pump again
    const job = this.queue.shift();
    if (!job) {
      worker.unref(); // idle: do not hold the process open
      return;
    }
    worker.ref();
    this.running = job;
    const msg: SynthMessage = { type: "synth", id: job.id, text: job.text, voice: job.voice, outRate: SAMPLE_RATE };
    worker.postMessage(msg);
  }

  private spawn(): Worker {
    const worker = new Worker(tsWorkerBootstrap("espeak-worker.ts"), { eval: true, execArgv: [], workerData: { cancel: this.cancel.buffer } });
    this.worker = worker;
    worker.on("message", (reply: WorkerReply) => this.onReply(reply));
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      const started = this.ready;
      this.worker = undefined;
      this.ready = false;
      const failed = this.running ? [this.running] : [];
      this.running = undefined;
      // A worker that never started would fail again: give up on the queue instead of respawning.
      if (!started) failed.push(...this.queue.splice(0));
      for (const job of failed) {
        if (job.finished) continue;
        job.error = err;
        job.finished = true;
        job.wake?.();
      }
      if (this.queue.length) this.pump();
    };
    worker.on("error", (e) => fail(new Error(`espeak worker failed: ${e.message}`, { cause: e })));
    worker.on("exit", (code) => fail(new Error(`espeak worker exited with code ${code}`)));
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type === "ready") {
      this.ready = true;
      this.pump();
      return;
    }
    const job = this.running;
    if (!job || job.id !== reply.id) return;
    if (reply.type === "audio") {
      if (job.finished) return;
      job.chunks.push(reply.pcm);
    } else {
      this.running = undefined;
      Atomics.compareExchange(this.cancel, CANCEL_SLOT, job.id, 0);
      if (!job.finished) {
        if (reply.type === "error") job.error = new Error(`espeak-ng: ${reply.message}`);
        job.finished = true;
      }
      this.pump();
    }
    job.wake?.();
  }
}
