// The caller's side of the phone line: one 20 ms μ-law frame every tick, speech when a turn is being
// spoken, digital silence otherwise (a real line never stops sending), or with `noiseDbfs` a line
// with background noise at that level under everything (1 s of white noise, looped). Knows where the speech inside
// each turn's audio starts and ends (synthesised audio has quiet edges), so turn timings are measured
// from the words, not from the file's edges.
import { encodeMulaw, MULAW_SILENCE } from "../../lib/audio/mulaw";
import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE } from "../../lib/providers/speech/types";
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

/** `seconds` of white noise at `dbfs` RMS (uniform, from a fixed seed: every run hears the same line). */
export function lineNoise(dbfs: number, seconds = 1): Int16Array {
  // A uniform variable on ±a has RMS a/√3.
  const amplitude = Math.min(32767, 32768 * 10 ** (dbfs / 20) * Math.sqrt(3));
  let seed = 12345;
  return new Int16Array(Math.round(SAMPLE_RATE * seconds)).map(() => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return Math.round((seed / 0x7fffffff) * 2 * amplitude - amplitude);
  });
}

export class CallerLine {
  private queue: Turn[] = [];
  readonly chunks: PlayedChunk[] = [];
  /** The line's noise (PCM and μ-law), when it has any. */
  private readonly noise: { pcm: Int16Array; mulaw: Uint8Array } | null;
  private noiseAt = 0;

  constructor(private readonly opts: { record?: boolean; noiseDbfs?: number } = {}) {
    const pcm = opts.noiseDbfs === undefined ? null : lineNoise(opts.noiseDbfs);
    this.noise = pcm && { pcm, mulaw: encodeMulaw(pcm) };
  }

  /** The next frame of the line's noise (a view into its loop), or silence. */
  private quietFrame(): Uint8Array {
    if (!this.noise) return SILENT_FRAME;
    const at = this.noiseAt;
    this.noiseAt = (at + FRAME_SAMPLES) % this.noise.pcm.length;
    return this.noise.mulaw.subarray(at, at + FRAME_SAMPLES);
  }

  /** `pcm` with the line's noise under it (clipped to 16 bits). */
  private withNoise(pcm: Int16Array): Int16Array {
    if (!this.noise) return pcm;
    const n = this.noise.pcm;
    return pcm.map((v, i) => Math.max(-32768, Math.min(32767, v + n[i % n.length]!)));
  }

  /** Queues `pcm` (8 kHz) to be spoken after whatever is queued; resolves when its last frame was sent. */
  speak(pcm: Int16Array): Promise<SpokenTurn> {
    const frames = Math.ceil(pcm.length / FRAME_SAMPLES);
    // Whole frames only: the tail of the last frame is padded with silence.
    const clean = new Int16Array(frames * FRAME_SAMPLES);
    clean.set(pcm);
    const padded = this.withNoise(clean);
    return new Promise((done) => {
      this.queue.push({
        pcm: padded,
        mulaw: encodeMulaw(padded),
        frames,
        next: 0,
        speech: speechFrames(clean),
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
    if (!turn) return this.quietFrame();
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
