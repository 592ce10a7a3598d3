// Where a message kept as audio plays from: its stretch of the call's recording, a little wider than
// the turn (speech onset is detected a few frames in, and the last word trails past the endpoint).
import { formatDuration } from "@/components/calls/call-format";
import type { Message } from "./types";

export const CLIP_LEAD_MS = 300;
export const CLIP_TAIL_MS = 500;

/** A message's `audio`, as the API gives it. */
export type AudioRangeJson = NonNullable<Message["audio"]>;

/** The clip's bounds in ms of the recording. */
export function clipOf(audio: AudioRangeJson): { fromMs: number; toMs: number } {
  return { fromMs: Math.max(0, audio.startMs - CLIP_LEAD_MS), toMs: audio.endMs + CLIP_TAIL_MS };
}

/** The recording route with a media fragment (#t=start,end in seconds): the browser plays just the clip. */
export function clipUrl(callId: string, audio: AudioRangeJson): string {
  const { fromMs, toMs } = clipOf(audio);
  return `/api/v1/calls/${encodeURIComponent(callId)}/recording#t=${(fromMs / 1000).toFixed(2)},${(toMs / 1000).toFixed(2)}`;
}

/** "0:07" for a clip's length, as a label says it (at least a second). */
export function clipLength(audio: AudioRangeJson): string {
  return formatDuration(Math.max(1, Math.round((audio.endMs - audio.startMs) / 1000)));
}
