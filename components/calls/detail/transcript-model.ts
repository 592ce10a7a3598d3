// Pure reading of a call's turns and events for the detail page: what the caller heard of an
// interrupted turn, which turn is under the playback position, where a transfer went and how it ended,
// the latency rows.
import { formatDuration } from "../call-format";
import type { CallEvent, CallTurn } from "../types";

/** The heard part of an agent turn and the rest the caller never heard (empty unless interrupted). */
export function splitHeard(turn: Pick<CallTurn, "text" | "heardText" | "interrupted">): { heard: string; unheard: string } {
  if (!turn.interrupted || turn.heardText === null) return { heard: turn.text, unheard: "" };
  const heard = turn.heardText;
  // heardText is a prefix of text as the engine cuts it; if an edit ever breaks that, show what was heard.
  if (!turn.text.startsWith(heard)) return { heard, unheard: "" };
  return { heard, unheard: turn.text.slice(heard.length) };
}

/** The index (in `turns`) of the last turn that started at or before `ms`, or -1 before the first. */
export function activeTurnIndex(turns: Pick<CallTurn, "startMs">[], ms: number): number {
  let found = -1;
  for (let i = 0; i < turns.length; i++) {
    if (turns[i]!.startMs <= ms) found = i;
    else break;
  }
  return found;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Where the call was transferred: the `transfer` event's target, else the transfer tool's argument. */
export function transferTarget(events: Pick<CallEvent, "type" | "payload">[], turns: Pick<CallTurn, "toolName" | "toolArgs">[]): string | null {
  for (const e of events) if (e.type === "transfer" && isRecord(e.payload) && typeof e.payload.to === "string") return e.payload.to;
  for (const t of turns) {
    if (t.toolName !== "transfer" || !isRecord(t.toolArgs)) continue;
    const to = t.toolArgs.to ?? t.toolArgs.number ?? t.toolArgs.destination;
    if (typeof to === "string") return to;
  }
  return null;
}

// Twilio's DialCallStatus, as the `transfer.result` event keeps it (lib/telephony/dial-status.ts).
const DIAL_STATUS: Record<string, string> = {
  completed: "Answered",
  answered: "Answered",
  busy: "Busy",
  "no-answer": "No answer",
  failed: "Failed",
  canceled: "Canceled",
};

/** How the transfer's leg ended ("Answered · 1:35", "No answer"), from its `transfer.result` event; null before Twilio said. */
export function transferResultLine(events: Pick<CallEvent, "type" | "payload">[]): string | null {
  const e = events.find((x) => x.type === "transfer.result" && isRecord(x.payload) && typeof x.payload.status === "string");
  if (!e || !isRecord(e.payload)) return null;
  const status = String(e.payload.status);
  const label = Object.hasOwn(DIAL_STATUS, status) ? DIAL_STATUS[status]! : status;
  const sec = typeof e.payload.durationSec === "number" ? e.payload.durationSec : 0;
  return sec > 0 ? `${label} · ${formatDuration(sec)}` : label;
}

export type LatencyRow = { turn: string; endpoint: number; stt: number; llm: number; tts: number; platform: number };

/** One row per agent turn that answered the caller (those carry latency), labelled by its clock time. */
export function latencyRows(turns: CallTurn[], label: (t: CallTurn) => string): LatencyRow[] {
  return turns
    .filter((t) => t.role === "AGENT" && [t.endpointLatencyMs, t.sttLatencyMs, t.llmLatencyMs, t.ttsLatencyMs, t.platformLatencyMs].some((v) => v !== null))
    .map((t) => ({
      turn: label(t),
      endpoint: t.endpointLatencyMs ?? 0,
      stt: t.sttLatencyMs ?? 0,
      llm: t.llmLatencyMs ?? 0,
      tts: t.ttsLatencyMs ?? 0,
      platform: t.platformLatencyMs ?? 0,
    }));
}

/** The call's provider faults (what failed and what was done), in the order they happened. */
export function providerFaults<E extends { type: string; payload: unknown }>(events: readonly E[]): (E & { payload: Record<string, unknown> })[] {
  return events.filter((e): e is E & { payload: Record<string, unknown> } => e.type === "provider.fault" && isRecord(e.payload));
}
