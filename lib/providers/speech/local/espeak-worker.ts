// The espeak-ng WebAssembly synthesiser on its own thread: synthesis takes 10-300 ms of CPU per
// sentence, which would stall every call's 20 ms frame loop if it ran on the main thread.
// Audio leaves as espeak produces it (≈100 ms chunks), so the first chunk of a long text is out long
// before the text is finished; it is resampled here from espeak's 22050 Hz to the rate asked for
// (telephone PCM), which keeps that filtering off the main thread too.
import { parentPort, workerData } from "node:worker_threads";
import createModule from "@echogarden/espeak-ng-emscripten";
import { createResampler } from "../../../audio/resample";
import { CANCEL_SLOT, type SynthMessage, type WorkerReply } from "./espeak-protocol";

const port = parentPort;
if (!port) throw new Error("espeak-worker.ts must run in a worker thread");
const cancel = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);

const espeak = new (await createModule()).eSpeakNGWorker();
let currentVoice = "";

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(reply, transfer);
}

function synthesize(msg: SynthMessage): void {
  if (msg.voice !== currentVoice) {
    if (espeak.set_voice(msg.voice) !== 0) throw new Error(`espeak-ng has no voice "${msg.voice}"`);
    currentVoice = msg.voice;
  }
  let cancelled = false;
  const resampler = createResampler(espeak.get_samplerate(), msg.outRate);
  // Resampled chunks are new arrays of their own: hand their memory over instead of copying.
  const send = (pcm: Int16Array) => pcm.length > 0 && post({ type: "audio", id: msg.id, pcm }, [pcm.buffer as ArrayBuffer]);
  espeak.synthesize(msg.text, (pcm) => {
    if (Atomics.load(cancel, CANCEL_SLOT) === msg.id) {
      cancelled = true;
      return true;
    }
    send(resampler.push(pcm));
    return false;
  });
  if (!cancelled) send(resampler.flush());
  post({ type: "done", id: msg.id, cancelled });
}

port.on("message", (msg: SynthMessage) => {
  try {
    synthesize(msg);
  } catch (e) {
    // A failed set_voice leaves espeak on an unknown voice: force the next request to set its own.
    currentVoice = "";
    post({ type: "error", id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
});

post({ type: "ready" });
