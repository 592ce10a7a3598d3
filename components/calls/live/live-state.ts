// The Live view's state from the event stream, as pure functions (unit-tested): which calls are in
// progress, what each is doing now, and one call's transcript (finished turns, the agent's sentence
// being spoken, tool calls and events inline).
import type { LiveBrowserEvent } from "@/lib/realtime/live-wire";

export type Activity = "agent" | "caller" | "tool" | "thinking" | "listening";

export interface CallActivity {
  state: string;
  callerSpeaking: boolean;
  toolsRunning: number;
  ending: boolean;
}

export const IDLE: CallActivity = { state: "listening", callerSpeaking: false, toolsRunning: 0, ending: false };

export function nextActivity(a: CallActivity, e: LiveBrowserEvent): CallActivity {
  const p = e.payload ?? {};
  switch (e.type) {
    case "state.changed":
      return { ...a, state: typeof p.state === "string" ? p.state : a.state };
    case "caller.speech_started":
      return { ...a, callerSpeaking: true };
    case "caller.speech_ended":
      return { ...a, callerSpeaking: false };
    case "tool.started":
      return { ...a, toolsRunning: a.toolsRunning + 1 };
    case "tool.finished":
      return { ...a, toolsRunning: Math.max(0, a.toolsRunning - 1) };
    case "call.end_requested":
      return { ...a, ending: true };
    default:
      return a;
  }
}

/** What the row says the call is doing, most telling first. */
export function activityOf(a: CallActivity): Activity {
  if (a.toolsRunning > 0) return "tool";
  if (a.callerSpeaking) return "caller";
  if (a.state === "speaking" || a.state === "greeting" || a.state === "ending") return "agent";
  if (a.state === "thinking") return "thinking";
  return "listening";
}

export type TranscriptItem =
  | { kind: "turn"; key: string; index: number; role: string; text: string; heardText?: string | null; interrupted?: boolean; toolName?: string | null; toolArgs?: unknown; toolResult?: unknown }
  | { kind: "event"; key: string; type: string; at: string; payload: Record<string, unknown> };

export interface Transcript {
  items: TranscriptItem[];
  /** Sentences of the agent's turn in progress (shown until its "turn" arrives). */
  speaking: string[];
}

export const EMPTY_TRANSCRIPT: Transcript = { items: [], speaking: [] };

/** Events worth a line in the transcript; the rest only move the activity. */
const INLINE = new Set(["tool.started", "barge_in", "dtmf", "transfer", "silence.reprompt", "call.ended", "call.end_requested", "provider.fault", "error"]);

const str = (v: unknown) => (typeof v === "string" ? v : "");

export function nextTranscript(t: Transcript, e: LiveBrowserEvent): Transcript {
  const p = e.payload ?? {};
  if (e.type === "agent.segment") return { ...t, speaking: [...t.speaking, str(p.text)] };
  if (e.type === "turn") {
    const index = typeof p.index === "number" ? p.index : -1;
    if (t.items.some((i) => i.kind === "turn" && i.index === index)) return t; // already loaded from the API
    const item: TranscriptItem = {
      kind: "turn",
      key: `t${index}`,
      index,
      role: str(p.role),
      text: str(p.text),
      heardText: typeof p.heardText === "string" ? p.heardText : null,
      interrupted: p.interrupted === true,
      toolName: typeof p.toolName === "string" ? p.toolName : null,
      toolArgs: p.toolArgs,
      toolResult: p.toolResult,
    };
    return { items: [...t.items, item], speaking: p.role === "AGENT" ? [] : t.speaking };
  }
  if (INLINE.has(e.type)) {
    const key = `e${e.type}${e.at}`;
    if (t.items.some((i) => i.key === key)) return t;
    return { ...t, items: [...t.items, { kind: "event", key, type: e.type, at: e.at, payload: p }], speaking: e.type === "barge_in" ? [] : t.speaking };
  }
  return t;
}

/** A call's stored turns and events (GET /api/v1/calls/:id) as transcript items. */
export function loadedItems(detail: { turns: { index: number; role: string; text: string; heardText: string | null; interrupted: boolean; toolName: string | null; toolArgs: unknown; toolResult: unknown }[]; events: { type: string; at: string; payload: unknown }[] }): TranscriptItem[] {
  const turns: TranscriptItem[] = detail.turns.map((t) => ({ kind: "turn", key: `t${t.index}`, ...t }));
  const events: TranscriptItem[] = detail.events
    .filter((e) => INLINE.has(e.type))
    .map((e) => ({ kind: "event", key: `e${e.type}${e.at}`, type: e.type, at: e.at, payload: (e.payload ?? {}) as Record<string, unknown> }));
  // Turns carry no wall-clock time: events go after the turns they followed by list order only.
  return [...turns, ...events];
}

/** The stored history first, then what arrived live that it does not already hold. */
export function mergeLoaded(t: Transcript, loaded: TranscriptItem[]): Transcript {
  const near = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) < 1000;
  const known = (i: TranscriptItem) =>
    loaded.some((l) => (i.kind === "turn" ? l.kind === "turn" && l.index === i.index : l.kind === "event" && l.type === i.type && near(l.at, i.at)));
  return { items: [...loaded, ...t.items.filter((i) => !known(i))], speaking: t.speaking };
}
