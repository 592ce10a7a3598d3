import { describe, expect, it } from "vitest";
import type { CallSink } from "../../conversation/types";
import { tapRecording } from "./recording-tap";

function setup() {
  const agent: { at: number; first: number }[] = [];
  let callerFrames = 0;
  const calls: string[] = [];
  const inner: CallSink = {
    audio: (id) => calls.push(`audio:${id}`),
    segmentText: (id) => calls.push(`text:${id}`),
    endSegment: (id) => calls.push(`end:${id}`),
    clear: () => calls.push("clear"),
    transfer: (to) => calls.push(`transfer:${to}`),
    hangup: (r) => calls.push(`hangup:${r}`),
  };
  const tap = tapRecording({ caller: () => callerFrames++, agent: (f, at) => agent.push({ at, first: f[0]! }) }, inner);
  const silence = new Int16Array(160);
  const frames = (n: number) => {
    for (let i = 0; i < n; i++) tap.caller(silence);
  };
  const pcm = (samples: number, value: number) => new Int16Array(samples).fill(value);
  return { tap, agent, calls, frames, pcm, callerFrames: () => callerFrames };
}

describe("recording tap", () => {
  it("plays agent audio handed over early at one frame per caller frame, from when it arrived", () => {
    const s = setup();
    s.frames(10);
    s.tap.sink.audio("seg1", s.pcm(160 * 3, 7)); // 60 ms of agent audio, all at once
    s.frames(5);
    expect(s.agent).toEqual([
      { at: 10, first: 7 },
      { at: 11, first: 7 },
      { at: 12, first: 7 },
    ]);
    expect(s.calls).toEqual(["audio:seg1"]);
    expect(s.callerFrames()).toBe(15);
  });

  it("a later reply starts where it arrives, not where the last one ended", () => {
    const s = setup();
    s.tap.sink.audio("a", s.pcm(160, 1));
    s.frames(20);
    s.tap.sink.audio("b", s.pcm(160, 2));
    s.frames(2);
    expect(s.agent).toEqual([
      { at: 0, first: 1 },
      { at: 20, first: 2 },
    ]);
  });

  it("clear drops what had not played yet: the recording is cut where the caller stopped hearing", () => {
    const s = setup();
    s.tap.sink.audio("seg", s.pcm(160 * 50, 3)); // 1 s queued
    s.frames(10);
    s.tap.sink.clear();
    s.frames(10);
    expect(s.agent).toHaveLength(10);
    expect(s.calls).toEqual(["audio:seg", "clear"]);
  });

  it("odd-sized chunks are joined into whole frames and the last is padded", () => {
    const s = setup();
    s.tap.sink.audio("seg", s.pcm(100, 4));
    s.tap.sink.audio("seg", s.pcm(100, 5));
    s.frames(3);
    expect(s.agent.map((a) => a.at)).toEqual([0, 1]);
  });
});
