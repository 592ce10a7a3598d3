// Wire format of the dashboard's test call and chat sockets (/browser/call, /browser/chat), opened
// with `?token=<test-call browser token>&callId=<id from POST /api/v1/agents/:id/test-call>`.
//
// /browser/call
//   browser → server  binary  caller audio: PCM16 mono little-endian at the start's sampleRate
//                             (16 kHz by default: the mic AudioWorklet's context rate), any whole
//                             number of samples up to MAX_AUDIO_BYTES per message.
//                     JSON    {type:"start", sampleRate?}  first message; nothing is heard before it
//                             {type:"mark", id}            the player reached a mark (audio heard)
//                             {type:"stop"}                the user hung up
//   server → browser  binary  agent audio: PCM16 mono little-endian at the start's sampleRate, paced
//                             in real time (20 ms frames, a little ahead of playback).
//                     JSON    {type:"segment", id, text}   the agent starts saying `text`
//                             {type:"mark", id}            echo it when playback reaches this point
//                             {type:"clear"}               barge-in: drop all queued playback now
//                             {type:"transcript", turn}    a finished turn (caller, agent, tool)
//                             {type:"event", event, payload}  engine events (state, tools, endpoint…)
//                             {type:"ended", reason}       the call is over
// /browser/chat
//   browser → server  JSON    {type:"user", text} | {type:"stop"}
//   server → browser  JSON    transcript, event, ended as above, and {type:"idle"} when the agent's
//                             reply is complete (the user's turn).
// Anything else (binary before start, odd byte length, oversized, malformed JSON, unknown type)
// closes the socket with 1008 and a reason from BrowserCloseReason.
import type { TurnRecord } from "../../../lib/conversation/types";
import type { CommonCloseReason } from "../call-transport";

export type BrowserCloseReason =
  | CommonCloseReason
  | "bad_json"
  | "bad_message"
  | "oversized"
  | "odd_length"
  | "audio_before_start"
  | "binary_frame"
  | "second_start"
  | "idle"
  | "stopped";

/** 200 ms at 48 kHz: a worklet posts 20 ms; anything far larger is not a microphone. */
export const MAX_AUDIO_BYTES = 19_200;
export const MAX_CONTROL_BYTES = 2048;
export const MAX_CHAT_CHARS = 1000;
export const DEFAULT_BROWSER_RATE = 16_000;
export const BROWSER_RATES = [8000, 16_000, 24_000, 32_000, 44_100, 48_000] as const;

export type CallControl = { type: "start"; sampleRate: number } | { type: "mark"; id: string } | { type: "stop" };
export type ChatControl = { type: "user"; text: string } | { type: "stop" };
export type Parsed<T> = { ok: true; msg: T } | { ok: false; reason: BrowserCloseReason; detail: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const keysAre = (o: Obj, allowed: string[]) => Object.keys(o).every((k) => allowed.includes(k));

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
}

function parseJson(data: Buffer | ArrayBuffer | Buffer[]): Parsed<Obj> {
  const buf = toBuffer(data);
  if (buf.length > MAX_CONTROL_BYTES) return { ok: false, reason: "oversized", detail: `${buf.length} bytes` };
  let raw: unknown;
  try {
    raw = JSON.parse(buf.toString("utf8"));
  } catch {
    return { ok: false, reason: "bad_json", detail: "not JSON" };
  }
  if (!isObj(raw) || typeof raw.type !== "string") return { ok: false, reason: "bad_message", detail: "not an object with a type" };
  return { ok: true, msg: raw };
}

const bad = (detail: string) => ({ ok: false, reason: "bad_message", detail }) as const;

/** A control message on /browser/call (binary audio is handled by decodeAudio). */
export function parseCallControl(data: Buffer | ArrayBuffer | Buffer[]): Parsed<CallControl> {
  const p = parseJson(data);
  if (!p.ok) return p;
  const m = p.msg;
  switch (m.type) {
    case "start": {
      if (!keysAre(m, ["type", "sampleRate"])) return bad("start: unknown field");
      const rate = m.sampleRate ?? DEFAULT_BROWSER_RATE;
      if (!(BROWSER_RATES as readonly unknown[]).includes(rate)) return bad(`start: sampleRate must be one of ${BROWSER_RATES.join(", ")}`);
      return { ok: true, msg: { type: "start", sampleRate: rate as number } };
    }
    case "mark":
      if (!keysAre(m, ["type", "id"]) || typeof m.id !== "string" || m.id.length === 0 || m.id.length > 256) return bad("mark: id must be a short string");
      return { ok: true, msg: { type: "mark", id: m.id } };
    case "stop":
      return { ok: true, msg: { type: "stop" } };
    default:
      return bad(`unknown type ${String(m.type).slice(0, 40)}`);
  }
}

export function parseChatControl(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Parsed<ChatControl> {
  if (isBinary) return { ok: false, reason: "binary_frame", detail: "the chat takes JSON text only" };
  const p = parseJson(data);
  if (!p.ok) return p;
  const m = p.msg;
  if (m.type === "stop") return { ok: true, msg: { type: "stop" } };
  if (m.type !== "user") return bad(`unknown type ${String(m.type).slice(0, 40)}`);
  if (!keysAre(m, ["type", "text"]) || typeof m.text !== "string") return bad("user: text must be a string");
  const text = m.text.trim();
  if (text.length === 0 || text.length > MAX_CHAT_CHARS) return bad(`user: text must be 1-${MAX_CHAT_CHARS} characters`);
  return { ok: true, msg: { type: "user", text } };
}

/** Binary caller audio → samples (little-endian whatever the host), or why it is refused. */
export function decodeAudio(data: Buffer | ArrayBuffer | Buffer[]): Parsed<Int16Array> {
  const buf = toBuffer(data);
  if (buf.length > MAX_AUDIO_BYTES) return { ok: false, reason: "oversized", detail: `${buf.length} bytes of audio` };
  if (buf.length % 2 !== 0) return { ok: false, reason: "odd_length", detail: `${buf.length} bytes is not whole 16-bit samples` };
  const out = new Int16Array(buf.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt16LE(i * 2);
  return { ok: true, msg: out };
}

export function encodeAudio(pcm: Int16Array): Buffer {
  const buf = Buffer.allocUnsafe(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) buf.writeInt16LE(pcm[i]!, i * 2);
  return buf;
}

/** A turn as the browser shows it; SYSTEM turns are the engine's own notes and are not sent. */
export function transcriptMessage(t: TurnRecord): string | null {
  if (t.role === "SYSTEM") return null;
  const turn = {
    index: t.index,
    role: t.role.toLowerCase(),
    text: t.text,
    heardText: t.heardText,
    interrupted: t.interrupted,
    understood: t.understood,
    toolName: t.toolName,
    toolArgs: t.toolArgs,
    toolResult: t.toolResult,
  };
  return JSON.stringify({ type: "transcript", turn });
}

export const message = (type: "segment" | "mark" | "clear" | "event" | "ended" | "idle", fields: Record<string, unknown> = {}): string =>
  JSON.stringify({ type, ...fields });
