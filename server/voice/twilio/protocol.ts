// Twilio Media Streams (bidirectional, <Connect><Stream>) wire format: inbound messages are checked
// strictly and turned into a typed union; outbound messages are serialised here and nowhere else.
// Anything Twilio would never send (binary frames, oversized text, unknown events, missing or mistyped
// fields) is rejected with a stable reason code, and the transport closes that one socket.
import { FRAME_SAMPLES } from "../../../lib/providers/speech/types";

/** Why a socket was closed: logged, and sent as the WebSocket close reason. Values are stable. */
export type StreamCloseReason =
  | "binary_frame"
  | "oversized"
  | "bad_json"
  | "bad_message"
  | "unknown_event"
  | "bad_media_format"
  | "media_before_start"
  | "event_before_start"
  | "second_start"
  | "stream_mismatch"
  | "bad_payload"
  | "bad_media_size"
  | "token_invalid"
  | "start_timeout"
  | "open_failed"
  | "internal_error"
  | "stopped"
  | "hangup";

/** Largest text message accepted. A media message is ~330 bytes; a start carries a few custom parameters. */
export const MAX_INBOUND_BYTES = 8 * 1024;
/** One inbound or outbound frame: 20 ms of 8 kHz μ-law. */
export const FRAME_BYTES = FRAME_SAMPLES;
/** base64 length of one frame (160 bytes → 216 characters, padded). */
export const FRAME_BASE64_CHARS = Math.ceil(FRAME_BYTES / 3) * 4;

export interface StartInfo {
  streamSid: string;
  accountSid: string;
  callSid: string;
  tracks: string[];
  customParameters: Record<string, string>;
  mediaFormat: { encoding: string; sampleRate: number; channels: number };
}

export type TwilioInbound =
  | { event: "connected"; protocol: string; version: string }
  | { event: "start"; sequenceNumber: string; streamSid: string; start: StartInfo }
  | { event: "media"; sequenceNumber: string; streamSid: string; media: { track?: string; chunk?: string; timestamp?: string; payload: string } }
  | { event: "dtmf"; sequenceNumber: string; streamSid: string; dtmf: { track?: string; digit: string } }
  | { event: "mark"; sequenceNumber: string; streamSid: string; mark: { name: string } }
  | { event: "stop"; sequenceNumber: string; streamSid: string; stop: { accountSid?: string; callSid?: string } };

export type ParseResult = { ok: true; msg: TwilioInbound } | { ok: false; reason: StreamCloseReason; detail: string };

type Obj = Record<string, unknown>;
const SID = /^[A-Za-z0-9_-]{1,64}$/;
const SEQ = /^\d{1,12}$/;
const DIGIT = /^[0-9*#A-Da-d]$/;
const MAX_MARK_NAME = 256;
const MAX_PARAMS = 32;
const MAX_PARAM_CHARS = 1024;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const optStr = (v: unknown) => v === undefined || typeof v === "string";

class Bad extends Error {}
function need(cond: boolean, detail: string): asserts cond {
  if (!cond) throw new Bad(detail);
}

function sidField(o: Obj, key: string): string {
  const v = o[key];
  need(typeof v === "string" && SID.test(v), `${key} must be a SID`);
  return v;
}

function header(o: Obj): { sequenceNumber: string; streamSid: string } {
  const seq = o.sequenceNumber;
  need(typeof seq === "string" && SEQ.test(seq), "sequenceNumber must be a decimal string");
  return { sequenceNumber: seq, streamSid: sidField(o, "streamSid") };
}

function part(o: Obj, key: string): Obj {
  const v = o[key];
  need(isObj(v), `${key} must be an object`);
  return v;
}

function parseStart(o: Obj): TwilioInbound {
  const h = header(o);
  const s = part(o, "start");
  const streamSid = sidField(s, "streamSid");
  need(streamSid === h.streamSid, "start.streamSid differs from streamSid");
  const tracks = s.tracks ?? [];
  need(Array.isArray(tracks) && tracks.length <= 4 && tracks.every((t) => typeof t === "string"), "start.tracks must be strings");
  const params = s.customParameters ?? {};
  need(isObj(params), "start.customParameters must be an object");
  const entries = Object.entries(params);
  need(entries.length <= MAX_PARAMS, "too many customParameters");
  for (const [k, v] of entries) need(typeof v === "string" && k.length + v.length <= MAX_PARAM_CHARS, `customParameters.${k.slice(0, 40)} must be a string`);
  const mf = part(s, "mediaFormat");
  need(typeof mf.encoding === "string" && typeof mf.sampleRate === "number" && typeof mf.channels === "number", "start.mediaFormat is incomplete");
  return {
    event: "start",
    ...h,
    start: {
      streamSid,
      accountSid: sidField(s, "accountSid"),
      callSid: sidField(s, "callSid"),
      tracks: tracks as string[],
      customParameters: params as Record<string, string>,
      mediaFormat: { encoding: mf.encoding, sampleRate: mf.sampleRate, channels: mf.channels },
    },
  };
}

function parseFields(o: Obj): TwilioInbound {
  switch (o.event) {
    case "connected":
      need(typeof o.protocol === "string" && typeof o.version === "string", "connected needs protocol and version");
      return { event: "connected", protocol: o.protocol, version: o.version };
    case "start":
      return parseStart(o);
    case "media": {
      const h = header(o);
      const m = part(o, "media");
      need(typeof m.payload === "string", "media.payload must be a string");
      need(optStr(m.track) && optStr(m.chunk) && optStr(m.timestamp), "media.track/chunk/timestamp must be strings");
      return { event: "media", ...h, media: { track: m.track as string | undefined, chunk: m.chunk as string | undefined, timestamp: m.timestamp as string | undefined, payload: m.payload } };
    }
    case "dtmf": {
      const h = header(o);
      const d = part(o, "dtmf");
      need(typeof d.digit === "string" && DIGIT.test(d.digit), "dtmf.digit must be one key");
      need(optStr(d.track), "dtmf.track must be a string");
      return { event: "dtmf", ...h, dtmf: { track: d.track as string | undefined, digit: d.digit } };
    }
    case "mark": {
      const h = header(o);
      const m = part(o, "mark");
      need(typeof m.name === "string" && m.name.length > 0 && m.name.length <= MAX_MARK_NAME, "mark.name must be a short string");
      return { event: "mark", ...h, mark: { name: m.name } };
    }
    case "stop": {
      const h = header(o);
      const s = o.stop === undefined ? {} : part(o, "stop");
      need(optStr(s.accountSid) && optStr(s.callSid), "stop.accountSid/callSid must be strings");
      return { event: "stop", ...h, stop: { accountSid: s.accountSid as string | undefined, callSid: s.callSid as string | undefined } };
    }
    default:
      throw new Bad("unknown");
  }
}

const KNOWN_EVENTS = new Set(["connected", "start", "media", "dtmf", "mark", "stop"]);

/** One WebSocket message from Twilio → a typed message, or the reason the socket must be closed. */
export function parseInbound(data: Buffer | ArrayBuffer | Buffer[] | string, isBinary: boolean, maxBytes = MAX_INBOUND_BYTES): ParseResult {
  if (isBinary) return { ok: false, reason: "binary_frame", detail: "Twilio sends text frames only" };
  const size = typeof data === "string" ? data.length : Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
  if (size > maxBytes) return { ok: false, reason: "oversized", detail: `${size} bytes > ${maxBytes}` };
  const text = typeof data === "string" ? data : Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "bad_json", detail: "not JSON" };
  }
  if (!isObj(raw) || typeof raw.event !== "string") return { ok: false, reason: "bad_message", detail: "not an object with an event" };
  if (!KNOWN_EVENTS.has(raw.event)) return { ok: false, reason: "unknown_event", detail: raw.event.slice(0, 40) };
  try {
    return { ok: true, msg: parseFields(raw) };
  } catch (err) {
    if (err instanceof Bad) return { ok: false, reason: "bad_message", detail: `${raw.event}: ${err.message}` };
    throw err;
  }
}

/** Twilio's only format for bidirectional streams; anything else would be noise to the engine. */
export function isTelephoneMulaw(f: StartInfo["mediaFormat"]): boolean {
  return f.encoding === "audio/x-mulaw" && f.sampleRate === 8000 && f.channels === 1;
}

const B64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Strict base64 → bytes into `out` (Buffer's own decoder skips garbage silently, which would turn a
 * corrupt frame into plausible noise). Returns -1 when the text is not base64, else the decoded
 * length; the bytes are written only when that length fits in `out`.
 */
export function decodePayload(payload: string, out: Buffer): number {
  if (payload.length % 4 !== 0 || !B64_CHARS.test(payload)) return -1;
  const bytes = (payload.length / 4) * 3 - (payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0);
  if (bytes > out.length) return bytes;
  return out.write(payload, 0, bytes, "base64");
}

// ---- outbound -------------------------------------------------------------------------------------

const ALPHABET = Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", "latin1");
const PAD = 0x3d; // "="

/** base64 of `src[from, from+len)` written at `dst[at]`; returns the characters written. */
function base64Into(src: Uint8Array, from: number, len: number, dst: Buffer, at: number): number {
  let o = at;
  const end = from + len;
  let i = from;
  for (; i + 2 < end; i += 3) {
    const n = (src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!;
    dst[o++] = ALPHABET[n >> 18]!;
    dst[o++] = ALPHABET[(n >> 12) & 63]!;
    dst[o++] = ALPHABET[(n >> 6) & 63]!;
    dst[o++] = ALPHABET[n & 63]!;
  }
  if (i < end) {
    const two = i + 1 < end;
    const n = (src[i]! << 16) | (two ? src[i + 1]! << 8 : 0);
    dst[o++] = ALPHABET[n >> 18]!;
    dst[o++] = ALPHABET[(n >> 12) & 63]!;
    dst[o++] = two ? ALPHABET[(n >> 6) & 63]! : PAD;
    dst[o++] = PAD;
  }
  return o - at;
}

/**
 * Builds outbound `media` messages for one stream. The JSON around the payload is fixed per stream,
 * so it is laid out once in a reused buffer and each frame only writes its base64 into the middle:
 * the string handed to the socket is the only allocation per frame.
 */
export class MediaMessageWriter {
  private readonly buf: Buffer;
  private readonly at: number;

  constructor(streamSid: string) {
    const prefix = `{"event":"media","streamSid":${JSON.stringify(streamSid)},"media":{"payload":"`;
    const suffix = `"}}`;
    this.at = Buffer.byteLength(prefix);
    this.buf = Buffer.alloc(this.at + FRAME_BASE64_CHARS + suffix.length);
    this.buf.write(prefix, 0, "latin1");
    this.buf.write(suffix, this.at + FRAME_BASE64_CHARS, "latin1");
  }

  /** The media message for the frame at `bytes[offset, offset + 160)`. */
  frame(bytes: Uint8Array, offset: number): string {
    base64Into(bytes, offset, FRAME_BYTES, this.buf, this.at);
    return this.buf.toString("latin1", 0, this.buf.length);
  }
}

export function markMessage(streamSid: string, name: string): string {
  return JSON.stringify({ event: "mark", streamSid, mark: { name } });
}

export function clearMessage(streamSid: string): string {
  return JSON.stringify({ event: "clear", streamSid });
}
