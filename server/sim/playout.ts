// The far end of the agent's audio, as Twilio's playout buffer behaves: audio plays in arrival order at
// real-time speed, starting when it arrives or when what came before it has played, whichever is later.
// A mark is echoed when the audio sent before it has played (at once if nothing is buffered); `clear`
// drops what has not played yet and echoes every pending mark at once, as Twilio does. All times are
// the client's clock in ms, passed in, so the logic runs on a fake clock in tests.
import { decodeMulaw } from "../../lib/audio/mulaw";
import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE } from "../../lib/providers/speech/types";
import { Histogram } from "./stats";

export interface PlayedChunk {
  /** When its first sample plays (client clock, ms). */
  at: number;
  samples: Int16Array;
}

// Audio that resumes within this long after the caller's buffer ran dry continues the same run: the
// gap was a stutter the caller heard (a late frame), not a pause between sentences.
const RUN_GAP_MS = 100;
// The sender fills its lead (a few frames at once) when a run starts: that burst is not jitter.
const LEAD_FILL_MS = 200;

export class AgentPlayout {
  private playEnd = 0;
  private readonly pending: { name: string; at: number }[] = [];
  private lastArrival = -Infinity;
  private runStartedAt = -Infinity;
  /** When the agent's current stretch of audio started playing (null when nothing plays). */
  private talkStartedAt: number | null = null;
  /** The last few finished stretches of agent audio, as played: [start, end) each. */
  private readonly stretches: { start: number; end: number }[] = [];
  readonly chunks: PlayedChunk[] = [];
  framesReceived = 0;
  /** Frames that arrived after the caller's buffer ran dry in the middle of a run. */
  framesLate = 0;
  /** Payloads that were not whole 20 ms frames. */
  badFrames = 0;
  readonly jitter = new Histogram(0.1, 200);
  /** Arrival times of the first frame of each run (the reply timing needs them). */
  readonly runStarts: number[] = [];

  constructor(private readonly opts: { record?: boolean } = {}) {}

  /** One `media` payload (μ-law bytes) arrived at `now`. Returns true when it starts a new stretch of speech. */
  receive(bytes: Uint8Array, now: number): boolean {
    if (bytes.length !== FRAME_SAMPLES) this.badFrames++;
    this.framesReceived++;
    const dry = this.playEnd <= now;
    const sinceLast = now - this.lastArrival;
    const newRun = dry && now - this.playEnd >= RUN_GAP_MS;
    if (dry && !newRun) this.framesLate++;
    if (newRun) {
      this.runStartedAt = now;
      this.runStarts.push(now);
    } else if (now - this.runStartedAt >= LEAD_FILL_MS) {
      this.jitter.add(Math.abs(sinceLast - FRAME_MS));
    }
    this.lastArrival = now;
    const startsAt = Math.max(now, this.playEnd);
    if (dry) {
      this.endStretch();
      this.talkStartedAt = startsAt;
    }
    this.playEnd = startsAt + (bytes.length / SAMPLE_RATE) * 1000;
    if (this.opts.record !== false) this.chunks.push({ at: startsAt, samples: decodeMulaw(bytes) });
    return newRun;
  }

  /** The server sent a mark at `now`: it is echoed when everything before it has played. */
  mark(name: string, now: number): void {
    this.pending.push({ name, at: Math.max(now, this.playEnd) });
  }

  /** Marks due by `now`, in the order they were sent; they leave the buffer. */
  due(now: number): string[] {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.at <= now) n++;
    return n === 0 ? [] : this.pending.splice(0, n).map((m) => m.name);
  }

  /** `clear` at `now`: unplayed audio is gone, the recording is cut there, every pending mark is echoed. */
  clear(now: number): string[] {
    if (this.playEnd > now) {
      this.playEnd = now;
      while (this.chunks.length && this.chunks.at(-1)!.at >= now) this.chunks.pop();
      const last = this.chunks.at(-1);
      if (last) {
        const keep = Math.max(0, Math.round(((now - last.at) * SAMPLE_RATE) / 1000));
        if (keep < last.samples.length) last.samples = last.samples.subarray(0, keep);
      }
    }
    this.endStretch();
    return this.pending.splice(0).map((m) => m.name);
  }

  private endStretch(): void {
    if (this.talkStartedAt === null) return;
    this.stretches.push({ start: this.talkStartedAt, end: this.playEnd });
    if (this.stretches.length > 16) this.stretches.shift();
    this.talkStartedAt = null;
  }

  /** Whether agent audio was playing at `t` (a recent moment: the last 16 stretches are kept). */
  playingAt(t: number): boolean {
    if (this.talkStartedAt !== null && this.talkStartedAt <= t && t < this.playEnd) return true;
    return this.stretches.some((s) => s.start <= t && t < s.end);
  }

  isPlaying(now: number): boolean {
    return this.playEnd > now;
  }

  /** When the current stretch of agent audio began playing, or null if the agent is silent at `now`. */
  talkingSince(now: number): number | null {
    return this.playEnd > now ? this.talkStartedAt : null;
  }

  /** When the last received audio finished (or will finish) playing. */
  get playedUntil(): number {
    return this.playEnd;
  }

  get pendingMarks(): number {
    return this.pending.length;
  }
}
