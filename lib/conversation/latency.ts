// A turn's latency split: the endpoint wait (policy), the three provider parts, and the platform's own
// time as the remainder. Each part is rounded on its own and platform is derived from the rounded
// figures, so the stored parts always add up to the total (and platform can be recomputed from the
// CallTurn columns without a column of its own).
import type { TurnLatency } from "./types";

/** Monotonic timestamps (ms, -1 = never happened) and provider-reported durations (-1 = not reported). */
export interface LatencyMarks {
  /** A text turn: no endpoint wait and no recogniser. */
  text: boolean;
  speechEnd: number;
  decisionAt: number;
  finalAt: number;
  sttProviderMs: number;
  firstTextAt: number;
  llmProviderMs: number;
  firstTtsSentAt: number;
  firstTtsAudioAt: number;
  ttsProviderMs: number;
  firstOutputAt: number;
}

const span = (to: number, from: number) => (to >= 0 && from >= 0 ? Math.max(0, Math.round(to - from)) : 0);
/** The provider's own figure when it gave one, else what the engine saw around the call. */
const part = (reported: number, to: number, from: number) => (reported >= 0 && to >= 0 ? Math.round(reported) : span(to, from));

/** The stored parts' remainder (also what a reader of CallTurn rows computes). Never negative. */
export function platformMsOf(l: Omit<TurnLatency, "platformMs">): number {
  return Math.max(0, l.totalMs - l.endpointMs - l.sttMs - l.llmMs - l.ttsMs);
}

export function splitLatency(m: LatencyMarks): TurnLatency {
  const totalMs = span(m.firstOutputAt, m.speechEnd);
  const endpointMs = m.text ? 0 : span(m.decisionAt, m.speechEnd);
  const sttMs = m.text ? 0 : part(m.sttProviderMs, m.finalAt, m.decisionAt);
  const llmMs = part(m.llmProviderMs, m.firstTextAt, m.finalAt);
  const ttsMs = part(m.ttsProviderMs, m.firstTtsAudioAt, m.firstTtsSentAt);
  // A provider reporting more than the engine saw (rounding, its own clock) must not make the sum
  // exceed the total: trim the latest parts first. A reply cut before its first frame has no total.
  let excess = m.firstOutputAt >= 0 ? endpointMs + sttMs + llmMs + ttsMs - totalMs : 0;
  const parts = [endpointMs, sttMs, llmMs, ttsMs];
  for (let i = parts.length - 1; i >= 0 && excess > 0; i--) {
    const cut = Math.min(parts[i]!, excess);
    parts[i]! -= cut;
    excess -= cut;
  }
  const [e, s, l, t] = parts as [number, number, number, number];
  return { endpointMs: e, sttMs: s, llmMs: l, ttsMs: t, platformMs: platformMsOf({ endpointMs: e, sttMs: s, llmMs: l, ttsMs: t, totalMs }), totalMs };
}
