// The caller's side of the phone line: one 20 ms μ-law frame every tick, speech when a turn is being
// spoken, digital silence otherwise (a real line never stops sending). Knows where the speech inside
// each turn's audio starts and ends (synthesised audio has quiet edges), so turn timings are measured
// from the words, not from the file's edges.
import { encodeMulaw, MULAW_SILENCE } from "../../lib/audio/mulaw";
import { FRAME_MS, FRAME_SAMPLES } from "../../lib/providers/speech/types";
import type { PlayedChunk } from "./playout";

export interface SpokenTurn {
  /** When its first frame was sent. */
  startedAt: number;
  /** When the first frame with speech in it was sent (NaN if the audio held none). */
  onsetAt: number;
  /** When the last frame with speech in it had been sent in full (its end, not its start). */
  speechEndAt: number;
  /** When the turn's last frame had been sent. */
  endedAt: number;
}

// RMS over a frame above this is speech (espeak speaks at ~3000-9000; line noise is under 100).
const SPEECH_RMS = 300;
export const SILENT_FRAME = new Uint8Array(FRAME_SAMPLES).fill(MULAW_SILENCE);

function frameRms(pcm: Int16Array, from: number): number {
  let sum = 0;
  const end = Math.min(pcm.length, from + FRAME_SAMPLES);
  for (let i = from; i < end; i++) sum += pcm[i]! * pcm[i]!;
  return Math.sqrt(sum / FRAME_SAMPLES);
}

/** First and last frame index whose RMS says speech; -1s when there is none. */
export function speechFrames(pcm: Int16Array): { first: number; last: number } {
  let first = -1;
  let last = -1;
  for (let f = 0; f * FRAME_SAMPLES < pcm.length; f++) {
    if (frameRms(pcm, f * FRAME_SAMPLES) >= SPEECH_RMS) {
      if (first < 0) first = f;
      last = f;
    }
  }
  return { first, last };
}

interface Turn {
  pcm: Int16Array;
  mulaw: Uint8Array;
  frames: number;
  next: number;
  speech: { first: number; last: number };
  timing: SpokenTurn;
  done: (t: SpokenTurn) => void;
}

export class CallerLine {
  private queue: Turn[] = [];
  readonly chunks: PlayedChunk[] = [];

  constructor(private readonly opts: { record?: boolean } = {}) {}

  /** Queues `pcm` (8 kHz) to be spoken after whatever is queued; resolves when its last frame was sent. */
  speak(pcm: Int16Array): Promise<SpokenTurn> {
    const frames = Math.ceil(pcm.length / FRAME_SAMPLES);
    // Whole frames only: the tail of the last frame is padded with silence.
    const padded = new Int16Array(frames * FRAME_SAMPLES);
    padded.set(pcm);
    return new Promise((done) => {
      this.queue.push({
        pcm: padded,
        mulaw: encodeMulaw(padded),
        frames,
        next: 0,
        speech: speechFrames(padded),
        timing: { startedAt: NaN, onsetAt: NaN, speechEndAt: NaN, endedAt: NaN },
        done,
      });
    });
  }

  get speaking(): boolean {
    return this.queue.length > 0;
  }

  /** The frame to send at `now` (a view into the turn's audio, or the shared silence frame). */
  nextFrame(now: number): Uint8Array {
    const turn = this.queue[0];
    if (!turn) return SILENT_FRAME;
    const f = turn.next++;
    if (f === 0) turn.timing.startedAt = now;
    if (f === turn.speech.first) turn.timing.onsetAt = now;
    if (f === turn.speech.last) turn.timing.speechEndAt = now + FRAME_MS;
    const at = f * FRAME_SAMPLES;
    if (this.opts.record !== false) this.chunks.push({ at: now, samples: turn.pcm.subarray(at, at + FRAME_SAMPLES) });
    if (turn.next === turn.frames) {
      turn.timing.endedAt = now + FRAME_MS;
      this.queue.shift();
      turn.done(turn.timing);
    }
    return turn.mulaw.subarray(at, at + FRAME_SAMPLES);
  }
}
