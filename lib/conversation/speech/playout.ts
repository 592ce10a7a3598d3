// What the caller actually heard of an agent reply when it was cut off. Segments acknowledged by a
// mark were heard whole; of the segment playing at the cut, the part estimated from the time since
// it started playing over its audio length, rounded down to a whole word (a half-heard word was not
// heard). A segment starts playing at its first audio or at the previous segment's mark, whichever
// is later (the transport plays segments back to back).

export interface PlayoutSegment {
  text: string;
  /** Samples handed to the transport so far (8 kHz). */
  samples: number;
  /** When its first audio went to the transport (ms), -1 if none yet. */
  firstAudioAt: number;
  /** When its mark came back (ms), -1 if not heard yet. */
  playedAt: number;
  /** Time its playback stood still (the agent paused for the caller, then played on), ms. */
  pausedMs?: number;
}

const SAMPLES_PER_MS = 8;

export function heardTextOf(segments: readonly PlayoutSegment[], now: number): string {
  const parts: string[] = [];
  let previousMark = -Infinity;
  for (const seg of segments) {
    if (seg.playedAt >= 0) {
      parts.push(seg.text);
      previousMark = seg.playedAt;
      continue;
    }
    if (seg.firstAudioAt < 0 || seg.samples === 0) break;
    const startedAt = Math.max(seg.firstAudioAt, previousMark);
    const fraction = (now - startedAt - (seg.pausedMs ?? 0)) / (seg.samples / SAMPLES_PER_MS);
    const part = cutAtWord(seg.text, fraction);
    if (part) parts.push(part);
    break;
  }
  return parts.join(" ");
}

/** The first `fraction` of `text`, ending at a word boundary. */
export function cutAtWord(text: string, fraction: number): string {
  if (fraction >= 1) return text;
  if (!(fraction > 0)) return "";
  const n = Math.floor(text.length * fraction);
  if (n >= text.length) return text;
  const atBoundary = /\s/.test(text.charAt(n));
  const end = atBoundary ? n : text.lastIndexOf(" ", n);
  return end <= 0 ? "" : text.slice(0, end).trim();
}
