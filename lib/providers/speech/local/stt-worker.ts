// One recognition thread of ThreadedStt: SphinxStt as it runs on the main thread, serving the
// streams pinned to this worker. Decoding costs 1-2 ms of CPU per 20 ms frame while a caller speaks;
// here it stalls no call's frame loop. Each stream's messages queue up and run in order; between
// streams, one whose caller has finished (a finalize is waiting) goes first: when callers speak at
// the same moment the thread falls behind, and a reply waits on its caller's transcript, not on
// everyone else's audio. Audio of an utterance dropped (reset, close) before it was decoded is
// never decoded. Work runs one batch at a time, yielding in between, so new messages are seen.
import { parentPort, workerData } from "node:worker_threads";
import type { SttResult, SttStream } from "../types";
import { SphinxStt } from "./sphinx-stt";
import type { SttReply, SttRequest, SttWorkerData } from "./stt-protocol";

const port = parentPort;
if (!port) throw new Error("stt-worker.ts must run in a worker thread");

const sphinx = new SphinxStt((workerData as SttWorkerData).sphinx);

interface Entry {
  id: number;
  stream?: SttStream;
  /** Messages not yet handled, in arrival order (all of them while the stream is still opening). */
  queue: SttRequest[];
  /** Finalize requests in the queue. */
  finalizing: number;
  /** The last partial sent to the main thread ("" at the start of every utterance). */
  partial: string;
}

const streams = new Map<number, Entry>();
/** Streams with work, round robin. */
const ready: Entry[] = [];
let scheduled = false;

function post(reply: SttReply): void {
  port!.postMessage(reply);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function open(msg: Extract<SttRequest, { type: "open" }>): void {
  const entry: Entry = { id: msg.id, queue: [], finalizing: 0, partial: "" };
  streams.set(msg.id, entry);
  sphinx.createStream(msg.ctx).then(
    (stream) => {
      post({ type: "done", req: msg.req });
      if (streams.get(msg.id) !== entry) return stream.close();
      stream.expectAnswer?.(msg.answer);
      entry.stream = stream;
      wake(entry);
    },
    (e: unknown) => {
      streams.delete(msg.id);
      post({ type: "error", req: msg.req, id: msg.id, message: message(e) });
      for (const queued of entry.queue) if (queued.type === "finalize") post({ type: "error", req: queued.req, id: msg.id, message: message(e) });
    },
  );
}

/** Audio queued after the last queued finalize: the utterance the main thread is dropping. */
function dropUndecoded(entry: Entry): void {
  let at = entry.queue.length;
  while (at > 0 && entry.queue[at - 1]!.type !== "finalize") at--;
  entry.queue = entry.queue.slice(0, at).concat(entry.queue.slice(at).filter((m) => m.type !== "audio"));
}

function receive(msg: SttRequest): void {
  if (msg.type === "load") {
    sphinx.load().then(
      () => post({ type: "done", req: msg.req }),
      (e: unknown) => post({ type: "error", req: msg.req, message: message(e) }),
    );
    return;
  }
  if (msg.type === "open") return open(msg);
  const entry = streams.get(msg.id);
  // A stream whose open failed: the main thread has its error already.
  if (!entry) {
    if (msg.type === "finalize") post({ type: "error", req: msg.req, id: msg.id, message: "STT stream is not open" });
    return;
  }
  if (msg.type === "close") {
    // The main thread has failed this stream's pending finalizes itself; answer them so it forgets them.
    for (const queued of entry.queue) if (queued.type === "finalize") post({ type: "error", req: queued.req, id: entry.id, message: "STT stream is closed" });
    streams.delete(entry.id);
    entry.queue = [];
    entry.stream?.close();
    return;
  }
  if (msg.type === "reset") dropUndecoded(entry);
  if (msg.type === "finalize") entry.finalizing++;
  entry.queue.push(msg);
  wake(entry);
}

function wake(entry: Entry): void {
  if (!entry.stream || entry.queue.length === 0) return;
  if (!ready.includes(entry)) ready.push(entry);
  if (!scheduled) {
    scheduled = true;
    setImmediate(work);
  }
}

/** Runs one unit of work: a finalizing stream's next message first, else the next stream's, round robin. */
function work(): void {
  scheduled = false;
  let at = ready.findIndex((e) => e.finalizing > 0);
  if (at < 0) at = 0;
  const entry = ready[at];
  if (!entry) return;
  ready.splice(at, 1);
  const msg = entry.queue.shift();
  if (msg && streams.get(entry.id) === entry && entry.stream) {
    try {
      run(entry, entry.stream, msg);
    } catch (e) {
      const req = msg.type === "finalize" ? msg.req : undefined;
      post({ type: "error", req, id: entry.id, message: message(e) });
    }
  }
  // Back to the end of the line (round robin); a finalizing stream is picked ahead anyway.
  if (entry.queue.length > 0 && streams.get(entry.id) === entry) ready.push(entry);
  if (ready.length > 0 && !scheduled) {
    scheduled = true;
    setImmediate(work);
  }
}

/** finalize() may throw as well as reject: both become the request's error. */
function finalizeNow(stream: SttStream): Promise<SttResult> {
  try {
    return stream.finalize();
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function run(entry: Entry, stream: SttStream, msg: SttRequest): void {
  switch (msg.type) {
    case "audio": {
      const { pcm } = msg;
      for (let at = 0; at < pcm.length; at += 160) stream.write(pcm.subarray(at, at + 160));
      const text = stream.partial();
      if (text !== entry.partial) {
        entry.partial = text;
        post({ type: "partial", id: entry.id, utt: msg.utt, text });
      }
      return;
    }
    case "finalize":
      entry.finalizing--;
      entry.partial = "";
      // Called now: the next utterance's audio may be the next message.
      finalizeNow(stream).then(
        (result) => post({ type: "result", req: msg.req, result }),
        (e: unknown) => post({ type: "error", req: msg.req, id: entry.id, message: message(e) }),
      );
      return;
    case "reset":
      entry.partial = "";
      stream.reset();
      return;
    case "expect":
      stream.expectAnswer?.(msg.answer);
      return;
    default:
      return;
  }
}

port.on("message", (msg: SttRequest) => {
  try {
    receive(msg);
  } catch (e) {
    const req = "req" in msg ? msg.req : undefined;
    post({ type: "error", req, id: "id" in msg ? msg.id : undefined, message: message(e) });
  }
});
