import { describe, expect, it } from "vitest";
import { callerFrame } from "../testing/fakes";
import { VadGate } from "./vad-gate";

const opts = { threshold: 0.5, speechStartMs: 60, preRollMs: 40, hangoverMs: 100 };

function run(gate: VadGate, probs: number[], t0 = 0) {
  return probs.map((p, i) => gate.push(callerFrame(p, i + 1), p, t0 + (i + 1) * 20, !gate.inSpeech));
}

describe("VadGate", () => {
  it("starts after speechStartMs of voice, with the onset at the first voiced frame", () => {
    const gate = new VadGate(opts);
    expect(run(gate, [0.1, 0.9, 0.9, 0.9])).toEqual(["none", "none", "none", "start"]);
    expect(gate.onsetAt).toBe(20);
    expect(gate.voicedMs).toBe(60);
  });

  it("a voiced blip shorter than speechStartMs never starts", () => {
    const gate = new VadGate(opts);
    expect(run(gate, [0.9, 0.9, 0.1, 0.9, 0.9, 0.1])).not.toContain("start");
  });

  it("ends at the last voiced frame once the hangover passed; short gaps do not end it", () => {
    const gate = new VadGate(opts);
    const events = run(gate, [0.9, 0.9, 0.9, 0.2, 0.2, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(events.filter((e) => e !== "none")).toEqual(["start", "end"]);
    expect(events.indexOf("end")).toBe(11); // 5 unvoiced frames = 100 ms after the last voiced one
    expect(gate.lastVoicedAt).toBe(140);
    expect(gate.voicedMs).toBe(100);
  });

  it("keeps pre-roll plus onset frames, oldest first, and hands out copies", () => {
    const gate = new VadGate(opts); // ring: (40 + 60) / 20 = 5 frames
    run(gate, [0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9]);
    const ids: number[] = [];
    gate.drain((f) => ids.push(f[1] ?? -1));
    expect(ids).toEqual([3, 4, 5, 6, 7]);
    const again: number[] = [];
    gate.drain((f) => again.push(f[1] ?? -1));
    expect(again).toEqual([]);
  });
});
