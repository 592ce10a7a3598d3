import { describe, expect, it } from "vitest";
import { clearMessage, decodePayload, FRAME_BYTES, isTelephoneMulaw, markMessage, MAX_INBOUND_BYTES, MediaMessageWriter, parseInbound } from "./protocol";

const SID = "MZ0123456789abcdef0123456789abcdef";
const start = {
  event: "start",
  sequenceNumber: "1",
  start: {
    accountSid: "AC0123456789abcdef0123456789abcdef",
    streamSid: SID,
    callSid: "CA0123456789abcdef0123456789abcdef",
    tracks: ["inbound"],
    customParameters: { callId: "c1", callToken: "v1.c1.1.x" },
    mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
  },
  streamSid: SID,
};
const media = { event: "media", sequenceNumber: "3", media: { track: "inbound", chunk: "1", timestamp: "5", payload: Buffer.alloc(160, 0xff).toString("base64") }, streamSid: SID };
const parse = (v: unknown) => parseInbound(typeof v === "string" ? v : JSON.stringify(v), false);

describe("parseInbound", () => {
  it("accepts every message Twilio sends, as documented", () => {
    expect(parse({ event: "connected", protocol: "Call", version: "1.0.0" })).toEqual({ ok: true, msg: { event: "connected", protocol: "Call", version: "1.0.0" } });
    const s = parse(start);
    expect(s.ok && s.msg.event === "start" && s.msg.start.customParameters.callId).toBe("c1");
    const m = parse(media);
    expect(m.ok && m.msg.event === "media" && m.msg.media.payload).toBe(media.media.payload);
    expect(parse({ event: "dtmf", streamSid: SID, sequenceNumber: "5", dtmf: { track: "inbound_track", digit: "#" } })).toMatchObject({ ok: true, msg: { dtmf: { digit: "#" } } });
    expect(parse({ event: "mark", sequenceNumber: "4", streamSid: SID, mark: { name: "seg-1" } })).toMatchObject({ ok: true, msg: { mark: { name: "seg-1" } } });
    expect(parse({ event: "stop", sequenceNumber: "6", streamSid: SID, stop: { accountSid: "AC1", callSid: "CA1" } })).toMatchObject({ ok: true, msg: { event: "stop" } });
    // ws may deliver a message in fragments
    expect(parseInbound([Buffer.from(JSON.stringify(media).slice(0, 10)), Buffer.from(JSON.stringify(media).slice(10))], false).ok).toBe(true);
  });

  it("rejects what Twilio never sends, with stable reasons", () => {
    const reason = (v: unknown, binary = false) => {
      const r = typeof v === "string" || Buffer.isBuffer(v) ? parseInbound(v, binary) : parse(v);
      return r.ok ? "ok" : r.reason;
    };
    expect(reason(Buffer.from(JSON.stringify(media)), true)).toBe("binary_frame");
    expect(reason(JSON.stringify({ ...media, pad: "x".repeat(MAX_INBOUND_BYTES) }))).toBe("oversized");
    expect(reason("{not json")).toBe("bad_json");
    expect(reason("42")).toBe("bad_message");
    expect(reason([media])).toBe("bad_message");
    expect(reason({ ...media, event: "Media" })).toBe("unknown_event");
    expect(reason({ ...media, event: "clear" })).toBe("unknown_event");
    expect(reason({ ...media, sequenceNumber: 3 })).toBe("bad_message");
    expect(reason({ ...media, streamSid: undefined })).toBe("bad_message");
    expect(reason({ ...media, streamSid: 'MZ"}' })).toBe("bad_message");
    expect(reason({ ...media, media: { payload: 12 } })).toBe("bad_message");
    expect(reason({ ...media, media: { ...media.media, track: 1 } })).toBe("bad_message");
    expect(reason({ event: "dtmf", streamSid: SID, sequenceNumber: "5", dtmf: { digit: "12" } })).toBe("bad_message");
    expect(reason({ event: "mark", streamSid: SID, sequenceNumber: "5", mark: { name: "" } })).toBe("bad_message");
    expect(reason({ ...start, start: { ...start.start, streamSid: "MZother" } })).toBe("bad_message");
    expect(reason({ ...start, start: { ...start.start, customParameters: { callId: 5 } } })).toBe("bad_message");
    expect(reason({ ...start, start: { ...start.start, mediaFormat: undefined } })).toBe("bad_message");
    expect(reason({ ...start, start: { ...start.start, callSid: undefined } })).toBe("bad_message");
  });

  it("knows Twilio's only bidirectional media format", () => {
    expect(isTelephoneMulaw(start.start.mediaFormat)).toBe(true);
    expect(isTelephoneMulaw({ encoding: "audio/x-l16", sampleRate: 8000, channels: 1 })).toBe(false);
    expect(isTelephoneMulaw({ encoding: "audio/x-mulaw", sampleRate: 16000, channels: 1 })).toBe(false);
  });
});

describe("decodePayload", () => {
  const out = Buffer.alloc(FRAME_BYTES);
  it("decodes a frame and reports its length", () => {
    const bytes = Buffer.from(Array.from({ length: 160 }, (_, i) => i));
    expect(decodePayload(bytes.toString("base64"), out)).toBe(160);
    expect(out.equals(bytes)).toBe(true);
    expect(decodePayload(Buffer.alloc(80).toString("base64"), out)).toBe(80);
    expect(decodePayload(Buffer.alloc(320).toString("base64"), out)).toBe(320); // too long: reported, not written
  });
  it("refuses what Buffer would silently accept", () => {
    expect(decodePayload("AAA", out)).toBe(-1);
    expect(decodePayload("AA*A", out)).toBe(-1);
    expect(decodePayload("A=AA", out)).toBe(-1);
    expect(decodePayload("AAAA AAA", out)).toBe(-1);
    expect(decodePayload("AAAA====", out)).toBe(-1);
  });
});

describe("outbound messages", () => {
  it("media messages carry the frame as base64, with the streamSid, for every frame through one writer", () => {
    const writer = new MediaMessageWriter(SID);
    const bytes = new Uint8Array(160 * 20);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    for (let f = 0; f < 20; f++) {
      const text = writer.frame(bytes, f * 160);
      const msg = JSON.parse(text) as { event: string; streamSid: string; media: { payload: string } };
      expect(msg.event).toBe("media");
      expect(msg.streamSid).toBe(SID);
      expect(Buffer.from(msg.media.payload, "base64").equals(Buffer.from(bytes.subarray(f * 160, (f + 1) * 160)))).toBe(true);
      expect(msg.media.payload).toBe(Buffer.from(bytes.subarray(f * 160, (f + 1) * 160)).toString("base64"));
    }
  });
  it("mark and clear", () => {
    expect(JSON.parse(markMessage(SID, "seg-1"))).toEqual({ event: "mark", streamSid: SID, mark: { name: "seg-1" } });
    expect(JSON.parse(clearMessage(SID))).toEqual({ event: "clear", streamSid: SID });
  });
});
