import { describe, expect, it } from "vitest";
import {
  clearMessage,
  decodePayload,
  FRAME_BYTES,
  isTelephoneMulaw,
  markMessage,
  MAX_INBOUND_BYTES,
  MediaMessageWriter,
  NOT_FAST,
  OTHER_TRACK,
  parseInbound,
  readMediaFrame,
} from "./protocol";

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

describe("readMediaFrame (the media fast path)", () => {
  const sid = Buffer.from(SID, "latin1");
  const layout = (m: { seq: string; track: string; chunk: string; ts: string; payload: string; sid?: string }) =>
    `{"event":"media","sequenceNumber":"${m.seq}","media":{"track":"${m.track}","chunk":"${m.chunk}","timestamp":"${m.ts}","payload":"${m.payload}"},"streamSid":"${m.sid ?? SID}"}`;
  // A seeded generator: the same messages every run, so a failure can be replayed.
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;

  it("reads Twilio's layout straight from the bytes: the frame for the caller's track, OTHER_TRACK for another", () => {
    const frame = Buffer.from(Array.from({ length: FRAME_BYTES }, (_, i) => (i * 37 + 11) & 0xff));
    const out = new Uint8Array(FRAME_BYTES);
    const msg = (track: string) => Buffer.from(layout({ seq: "42", track, chunk: "41", ts: "800", payload: frame.toString("base64") }));
    expect(readMediaFrame(msg("inbound"), sid, out)).toBe(FRAME_BYTES);
    expect(Buffer.from(out)).toEqual(frame);
    expect(readMediaFrame(msg("outbound"), sid, out)).toBe(OTHER_TRACK);
    expect(readMediaFrame(msg("inbound_track"), sid, out)).toBe(OTHER_TRACK);
  });

  it("leaves everything else to the general path: other layouts, another stream, a bad payload, trailing bytes", () => {
    const payload = Buffer.alloc(FRAME_BYTES, 0x7f).toString("base64");
    const ok = { seq: "3", track: "inbound", chunk: "1", ts: "20", payload };
    const out = new Uint8Array(FRAME_BYTES);
    const fast = (text: string) => readMediaFrame(Buffer.from(text), sid, out);
    expect(fast(layout(ok))).toBe(FRAME_BYTES);
    for (const text of [
      JSON.stringify({ event: "media", streamSid: SID, sequenceNumber: "3", media: { track: "inbound", chunk: "1", timestamp: "20", payload } }),
      JSON.stringify({ event: "media", sequenceNumber: "3", streamSid: SID, media: { payload } }),
      layout(ok).replace('"media":{', '"media": {'),
      layout({ ...ok, sid: "MZffffffffffffffffffffffffffffffff" }),
      layout({ ...ok, sid: `${SID}0` }),
      layout({ ...ok, seq: "" }),
      layout({ ...ok, seq: "1234567890123" }),
      layout({ ...ok, track: "in\\u0062ound" }),
      layout({ ...ok, payload: payload.slice(4) }),
      layout({ ...ok, payload: `${payload.slice(0, -4)}AB==` }), // bits past the last byte
      layout({ ...ok, payload: `${payload.slice(0, -1)}A` }),
      layout({ ...ok, payload: `${payload.slice(0, 8)}*${payload.slice(9)}` }),
      `${layout(ok)} `,
      layout(ok).slice(0, -1),
    ]) {
      expect(fast(text), text).toBe(NOT_FAST);
    }
  });

  it("accepts only what the general path accepts, with the same frame and track (mutated messages)", { timeout: 20_000 }, () => {
    const out = new Uint8Array(FRAME_BYTES);
    const slowOut = Buffer.alloc(FRAME_BYTES);
    const interesting = [..."\"\\{}[],:=+/ Aa09\n\u0000\u00ff", "é"];
    let accepted = 0;
    let declined = 0;
    for (let round = 0; round < 1000; round++) {
      const frame = Buffer.from(Array.from({ length: FRAME_BYTES }, () => rand(256)));
      const tracks = ["inbound", "outbound", "inbound ", "x"];
      const text = layout({ seq: String(rand(1e6)), track: tracks[rand(tracks.length)]!, chunk: String(rand(1e4)), ts: String(rand(1e7)), payload: frame.toString("base64") });
      let bytes = Buffer.from(text, "utf8");
      // Up to three byte-level mutations: replace, delete or insert at a random place.
      const mutations = rand(4);
      if (mutations === 0) expect(readMediaFrame(bytes, sid, out), text).not.toBe(NOT_FAST);
      for (let k = mutations; k > 0; k--) {
        const at = rand(bytes.length);
        const kind = rand(3);
        const ins = Buffer.from(interesting[rand(interesting.length)]!, "utf8");
        if (kind === 0) bytes = Buffer.concat([bytes.subarray(0, at), ins, bytes.subarray(at + 1)]);
        else if (kind === 1) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
        else bytes = Buffer.concat([bytes.subarray(0, at), ins, bytes.subarray(at)]);
      }
      const fast = readMediaFrame(bytes, sid, out);
      if (fast === NOT_FAST) {
        declined++;
        continue;
      }
      accepted++;
      const slow = parseInbound(bytes, false);
      expect(slow.ok, bytes.toString("latin1")).toBe(true);
      if (!slow.ok || slow.msg.event !== "media") throw new Error(`general path: ${bytes.toString("latin1")}`);
      expect(slow.msg.streamSid).toBe(SID);
      expect(decodePayload(slow.msg.media.payload, slowOut)).toBe(FRAME_BYTES);
      expect(Buffer.from(out)).toEqual(slowOut);
      expect(fast).toBe(slow.msg.media.track === "inbound" ? FRAME_BYTES : OTHER_TRACK);
    }
    // Both outcomes were exercised: unmutated and payload-only mutations pass, structural ones do not.
    expect(accepted).toBeGreaterThan(100);
    expect(declined).toBeGreaterThan(100);
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
