// Messages between EspeakTts (main thread) and espeak-worker.ts. One request is in the worker at a
// time; the main thread queues the rest. Cancelling the running one goes through shared memory
// because the worker's event loop is blocked inside synthesis and would not see a message.

export interface SynthMessage {
  type: "synth";
  id: number;
  text: string;
  /** espeak-ng voice name, e.g. "en-us+f3". */
  voice: string;
  /** The rate the audio replies carry: the worker resamples espeak's output to it. */
  outRate: number;
}

export type WorkerReply =
  | { type: "ready" }
  /** At the request's outRate. */
  | { type: "audio"; id: number; pcm: Int16Array }
  | { type: "done"; id: number; cancelled: boolean }
  | { type: "error"; id: number; message: string };

/** Slot in the shared Int32Array holding the id of the request to stop (0: none). */
export const CANCEL_SLOT = 0;
