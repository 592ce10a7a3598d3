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
const ALPHABET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 0x3d; // "="

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

// ---- inbound media, the fast path ------------------------------------------------------------------

// Twilio sends ~50 media messages a second per call, always laid out the same way. The general path
// (JSON.parse, then field checks, then a base64 string decode) allocates a dozen objects and strings per
// message: at 200 calls that was ~8% of the voice server's main thread with its share of GC. This path
// reads that one layout straight from the bytes and decodes the payload in place; any other byte
// sequence (other key order, whitespace, escapes, a bad field) returns NOT_FAST and the message takes
// the general path, which decides and reports. So the fast path accepts a subset of what the general
// path accepts, with the same result (protocol.test.ts compares the two on mutated messages).

const HEAD = Buffer.from('{"event":"media","sequenceNumber":"', "latin1");
const TRACK = Buffer.from('","media":{"track":"', "latin1");
const CHUNK = Buffer.from('","chunk":"', "latin1");
const TIMESTAMP = Buffer.from('","timestamp":"', "latin1");
const PAYLOAD = Buffer.from('","payload":"', "latin1");
const STREAM_SID = Buffer.from('"},"streamSid":"', "latin1");
const TAIL = Buffer.from('"}', "latin1");
const INBOUND = Buffer.from("inbound", "latin1");
const QUOTE = 0x22;
// The payload decode below reads 53 whole base64 groups and one final group of one byte ("xx=="): 160 bytes.
if (FRAME_BYTES % 3 !== 1) throw new Error("readMediaFrame assumes a frame of 3k+1 bytes");

/** The media message is not in the one layout the fast path reads: take the general path. */
export const NOT_FAST = -1;
/** A frame of another track than the caller's (decoded all the same, to be dropped). */
export const OTHER_TRACK = -2;

/** base64 character → its 6 bits; 255 for anything else ("=" included: padding is handled apart). */
const B64_VALUE = (() => {
  const t = new Uint8Array(256).fill(255);
  for (let i = 0; i < 64; i++) t[ALPHABET_CHARS.charCodeAt(i)] = i;
  return t;
})();

function matchAt(data: Buffer, at: number, lit: Buffer): number {
  if (at + lit.length > data.length) return -1;
  for (let i = 0; i < lit.length; i++) if (data[at + i] !== lit[i]) return -1;
  return at + lit.length;
}

/** A JSON string's content with nothing to unescape or refuse (printable ASCII but " and \\), up to its closing quote. */
function plainStringEnd(data: Buffer, at: number, maxLen: number): number {
  const limit = Math.min(data.length, at + maxLen + 1);
  for (let i = at; i < limit; i++) {
    const c = data[i]!;
    if (c === QUOTE) return i;
    if (c < 0x20 || c > 0x7e || c === 0x5c) return -1;
  }
  return -1;
}

/**
 * One inbound message of this stream, if it is a 20 ms media frame in Twilio's layout:
 * `{"event":"media","sequenceNumber":"N","media":{"track":"T","chunk":"C","timestamp":"S","payload":"B64"},"streamSid":"SID"}`
 * with this stream's SID. Decodes the frame into `out` (FRAME_BYTES long) and returns FRAME_BYTES for the
 * caller's track, OTHER_TRACK for another track, NOT_FAST for anything else (nothing is decided then).
 */
export function readMediaFrame(data: Buffer, streamSid: Buffer, out: Uint8Array): number {
  let at = matchAt(data, 0, HEAD);
  if (at < 0) return NOT_FAST;
  const seqStart = at;
  while (at < data.length && data[at]! >= 0x30 && data[at]! <= 0x39) at++;
  if (at === seqStart || at - seqStart > 12) return NOT_FAST;
  at = matchAt(data, at, TRACK);
  if (at < 0) return NOT_FAST;
  const trackStart = at;
  const trackEnd = plainStringEnd(data, at, 64);
  if (trackEnd < 0) return NOT_FAST;
  at = matchAt(data, trackEnd, CHUNK);
  if (at < 0 || (at = plainStringEnd(data, at, 64)) < 0) return NOT_FAST;
  at = matchAt(data, at, TIMESTAMP);
  if (at < 0 || (at = plainStringEnd(data, at, 64)) < 0) return NOT_FAST;
  at = matchAt(data, at, PAYLOAD);
  if (at < 0) return NOT_FAST;
  // Exactly one frame of base64 (160 bytes: 53 whole groups and one with "=="), decoded as it is read.
  const end = at + FRAME_BASE64_CHARS;
  if (end > data.length || data[end] !== QUOTE) return NOT_FAST;
  let o = 0;
  for (let i = at; i < end - 4; i += 4) {
    const a = B64_VALUE[data[i]!]!, b = B64_VALUE[data[i + 1]!]!, c = B64_VALUE[data[i + 2]!]!, d = B64_VALUE[data[i + 3]!]!;
    if ((a | b | c | d) === 255) return NOT_FAST;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  const a = B64_VALUE[data[end - 4]!]!, b = B64_VALUE[data[end - 3]!]!;
  // The last group holds one byte: two characters, the second with no bits past the byte's, then "==".
  if ((a | b) === 255 || (b & 15) !== 0 || data[end - 2] !== PAD || data[end - 1] !== PAD) return NOT_FAST;
  out[o] = (a << 2) | (b >> 4);
  at = matchAt(data, end, STREAM_SID);
  if (at < 0) return NOT_FAST;
  at = matchAt(data, at, streamSid);
  if (at < 0 || matchAt(data, at, TAIL) !== data.length) return NOT_FAST;
  return trackEnd - trackStart === INBOUND.length && data.compare(INBOUND, 0, INBOUND.length, trackStart, trackEnd) === 0 ? FRAME_BYTES : OTHER_TRACK;
}

// ---- outbound -------------------------------------------------------------------------------------

const ALPHABET = Buffer.from(ALPHABET_CHARS, "latin1");

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
