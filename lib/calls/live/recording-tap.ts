// Puts a call's two sides on one timeline for the recording. The caller's frames arrive continuously
// (Twilio sends 50 a second, silence included), so their count is the call's clock. Agent audio is
// handed over ahead of time (synthesis runs faster than playback), so it waits here in a FIFO and
// goes to the recorder only when the caller's clock reaches its play position; `clear` drops what had
// not played yet, and a pause holds it where it stood until resume. The recording therefore holds what
// the caller heard, cut where barge-in cut it.
import type { CallSink } from "../../conversation/types";
import { FRAME_SAMPLES } from "../../providers/speech/types";

export interface FrameRecorder {
  caller(frame: Int16Array): void;
  /** `frame` is only lent for the call: the recorder copies what it keeps. */
  agent(frame: Int16Array, atFrame: number): void;
}

export interface RecordingTap {
  /** The sink to give the engine: forwards everything to `inner` and records agent audio. */
  sink: CallSink;
  /** Each inbound caller frame, in order. */
  caller(frame: Int16Array): void;
}

export function tapRecording(recorder: FrameRecorder, inner: CallSink): RecordingTap {
  const fifo: Int16Array[] = []; // agent audio not yet played, in order
  let head = 0; // samples of fifo[0] already taken
  let queued = 0; // samples waiting in fifo
  let callerFrames = 0;
  let nextAgentFrame = 0; // frame index at which the next agent frame plays
  let paused = false;
  const frame = new Int16Array(FRAME_SAMPLES); // reused for every agent frame handed to the recorder

  const take = (): Int16Array => {
    const out = frame.fill(0);
    let filled = 0;
    while (filled < FRAME_SAMPLES && fifo.length) {
      const chunk = fifo[0]!;
      const n = Math.min(FRAME_SAMPLES - filled, chunk.length - head);
      out.set(chunk.subarray(head, head + n), filled);
      filled += n;
      head += n;
      if (head === chunk.length) {
        fifo.shift();
        head = 0;
      }
    }
    queued -= filled;
    return out; // a short last frame is padded with silence, as the transport pads it
  };

  return {
    caller(frame) {
      recorder.caller(frame);
      // The agent frame due at this caller frame plays now.
      if (queued > 0 && !paused && nextAgentFrame <= callerFrames) {
        recorder.agent(take(), callerFrames);
        nextAgentFrame = callerFrames + 1;
      }
      callerFrames++;
    },
    sink: {
      audio(segmentId, pcm) {
        // Silence in between: the reply starts playing when it arrives, not where the last one ended.
        if (queued === 0 && nextAgentFrame < callerFrames) nextAgentFrame = callerFrames;
        if (pcm.length) {
          fifo.push(pcm);
          queued += pcm.length;
        }
        inner.audio(segmentId, pcm);
      },
      segmentText: (id, text) => inner.segmentText(id, text),
      endSegment: (id) => inner.endSegment(id),
      clear() {
        fifo.length = 0;
        head = 0;
        queued = 0;
        paused = false;
        inner.clear();
      },
      // Only where the transport can pause (the engine asks the sink it is given).
      pause: inner.pause
        ? () => {
            paused = true;
            inner.pause?.();
          }
        : undefined,
      resume: inner.resume
        ? () => {
            paused = false;
            if (nextAgentFrame < callerFrames) nextAgentFrame = callerFrames;
            inner.resume?.();
          }
        : undefined,
      transfer: (to) => inner.transfer(to),
      hangup: (reason) => inner.hangup(reason),
    },
  };
}
