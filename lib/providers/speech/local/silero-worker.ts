// The Silero VAD's inference thread (silero-engine.ts, WorkerEngine): the model is loaded here, and
// each message {seq, rows} runs those steps over the shared buffers the main thread filled.
import { parentPort, workerData } from "node:worker_threads";
import { InlineEngine, loadSileroSession, type WorkerInit, type WorkerReply } from "./silero-engine";

const port = parentPort;
if (!port) throw new Error("silero-worker.ts must run in a worker thread");
const init = workerData as WorkerInit;
const post = (reply: WorkerReply) => port.postMessage(reply);

try {
  const { ort, session } = await loadSileroSession(init.modelPath);
  const engine = new InlineEngine(ort, session, init.maxBatch, init.maxSteps, {
    input: new Float32Array(init.input),
    state: new Float32Array(init.state),
    probs: new Float32Array(init.probs),
    next: new Float32Array(init.next),
  });
  port.on("message", (m: { seq: number; rows: number[] }) => {
    engine.run(m.rows).then(
      () => post({ type: "done", seq: m.seq }),
      (e: unknown) => post({ type: "failed", seq: m.seq, message: e instanceof Error ? e.message : String(e) }),
    );
  });
  post({ type: "ready" });
} catch (e) {
  post({ type: "fatal", message: e instanceof Error ? e.message : String(e) });
}
