import { describe, expect, it } from "vitest";
import { decodeAudio, encodeAudio, MAX_AUDIO_BYTES, parseCallControl, parseChatControl, transcriptMessage } from "./protocol";

const text = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v));

describe("browser call control messages", () => {
  it("accepts start (16 kHz by default), mark and stop", () => {
    expect(parseCallControl(text({ type: "start" }))).toEqual({ ok: true, msg: { type: "start", sampleRate: 16000 } });
    expect(parseCallControl(text({ type: "start", sampleRate: 48000 }))).toEqual({ ok: true, msg: { type: "start", sampleRate: 48000 } });
    expect(parseCallControl(text({ type: "mark", id: "seg-1" }))).toEqual({ ok: true, msg: { type: "mark", id: "seg-1" } });
    expect(parseCallControl(text({ type: "stop" }))).toEqual({ ok: true, msg: { type: "stop" } });
  });

  it.each([
    ["not JSON", "{nope", "bad_json"],
    ["no type", { sampleRate: 16000 }, "bad_message"],
    ["an unknown type", { type: "media" }, "bad_message"],
    ["an odd sample rate", { type: "start", sampleRate: 11025 }, "bad_message"],
    ["a typo'd field", { type: "start", samplerate: 16000 }, "bad_message"],
    ["a mark without id", { type: "mark" }, "bad_message"],
    ["oversized", { type: "mark", id: "x".repeat(3000) }, "oversized"],
  ])("refuses %s", (_name, body, reason) => {
    expect(parseCallControl(text(body))).toMatchObject({ ok: false, reason });
  });

  it("decodes little-endian PCM16 and refuses odd lengths and oversized frames", () => {
    const pcm = Int16Array.from([0, 1, -1, 32767, -32768]);
    const wire = encodeAudio(pcm);
    expect([...wire.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(decodeAudio(wire)).toEqual({ ok: true, msg: pcm });
    expect(decodeAudio(Buffer.alloc(3))).toMatchObject({ ok: false, reason: "odd_length" });
    expect(decodeAudio(Buffer.alloc(MAX_AUDIO_BYTES + 2))).toMatchObject({ ok: false, reason: "oversized" });
  });
});

describe("chat messages", () => {
  it("accepts a user message (trimmed) and stop; refuses binary, empty and unknown", () => {
    expect(parseChatControl(text({ type: "user", text: "  hi  " }), false)).toEqual({ ok: true, msg: { type: "user", text: "hi" } });
    expect(parseChatControl(text({ type: "stop" }), false)).toEqual({ ok: true, msg: { type: "stop" } });
    expect(parseChatControl(Buffer.alloc(4), true)).toMatchObject({ ok: false, reason: "binary_frame" });
    expect(parseChatControl(text({ type: "user", text: " " }), false)).toMatchObject({ ok: false, reason: "bad_message" });
    expect(parseChatControl(text({ type: "user", text: 3 }), false)).toMatchObject({ ok: false, reason: "bad_message" });
    expect(parseChatControl(text({ type: "say", text: "hi" }), false)).toMatchObject({ ok: false, reason: "bad_message" });
  });

  it("sends turns lower-cased by role, and never the engine's SYSTEM notes", () => {
    const base = { index: 2, startMs: 0, endMs: 1 };
    expect(JSON.parse(transcriptMessage({ ...base, role: "CALLER", text: "hello", understood: true })!)).toMatchObject({ type: "transcript", turn: { role: "caller", text: "hello", understood: true } });
    expect(transcriptMessage({ ...base, role: "SYSTEM", text: "note" })).toBeNull();
  });
});
