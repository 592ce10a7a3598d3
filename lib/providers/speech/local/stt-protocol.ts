// Messages between ThreadedStt (main thread) and stt-worker.ts. Streams are numbered by the main
// thread (unique across the pool). Audio arrives in batches of a few frames; `utt` counts the
// stream's utterances (it moves on at every finalize and reset), so a partial the worker computed for
// an utterance the main thread has already ended is recognised as stale and dropped.
import type { AnswerKind, SttContext, SttResult } from "../types";
import type { SphinxSttOptions } from "./sphinx-stt";

export interface SttWorkerData {
  sphinx: SphinxSttOptions;
}

export type SttRequest =
  /** Loads the recogniser now (answered with "done"). */
  | { type: "load"; req: number }
  /** Opens a stream expecting `answer`; answered with "done", or "error" (a grammar that does not compile). */
  | { type: "open"; req: number; id: number; ctx: SttContext; answer: AnswerKind }
  | { type: "audio"; id: number; utt: number; pcm: Int16Array }
  /** Answered with "result" or "error" carrying the same req. */
  | { type: "finalize"; req: number; id: number }
  | { type: "reset"; id: number }
  /** SttStream.expectAnswer, in order with the audio: it applies from the next utterance the worker starts. */
  | { type: "expect"; id: number; answer: AnswerKind }
  | { type: "close"; id: number };

export type SttReply =
  | { type: "done"; req: number }
  | { type: "result"; req: number; result: SttResult }
  /** `req` when it answers a request; without it, the stream `id` failed outside one (a write). */
  | { type: "error"; req?: number; id?: number; message: string }
  /** The stream's hypothesis changed after a batch of utterance `utt`. */
  | { type: "partial"; id: number; utt: number; text: string };
