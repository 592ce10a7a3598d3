// Both sides of the simulated call as one stereo track, caller left and agent right, on the client's
// clock: each chunk lands at the sample its play time falls on, so a reply's delay and a barge-in's
// overlap are audible where they happened. Audio the agent sent but `clear` dropped is not in it.
import { SAMPLE_RATE } from "../../lib/providers/speech/types";
import type { PlayedChunk } from "./playout";

function place(out: Int16Array, channel: 0 | 1, chunks: PlayedChunk[], t0: number, frames: number): void {
  for (const c of chunks) {
    const start = Math.round(((c.at - t0) * SAMPLE_RATE) / 1000);
    for (let i = 0; i < c.samples.length; i++) {
      const at = start + i;
      if (at >= 0 && at < frames) out[at * 2 + channel] = c.samples[i]!;
    }
  }
}

function endOf(chunks: PlayedChunk[]): number {
  let end = -Infinity;
  for (const c of chunks) end = Math.max(end, c.at + (c.samples.length / SAMPLE_RATE) * 1000);
  return end;
}

/** Interleaved 8 kHz stereo from `t0` until the last sample of either side. */
export function buildStereo(caller: PlayedChunk[], agent: PlayedChunk[], t0: number): Int16Array {
  const end = Math.max(endOf(caller), endOf(agent), t0);
  const frames = Math.ceil(((end - t0) * SAMPLE_RATE) / 1000);
  const out = new Int16Array(frames * 2);
  place(out, 0, caller, t0, frames);
  place(out, 1, agent, t0, frames);
  return out;
}
