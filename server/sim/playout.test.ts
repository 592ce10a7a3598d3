import { describe, expect, it } from "vitest";
import { MULAW_SILENCE } from "../../lib/audio/mulaw";
import { AgentPlayout } from "./playout";

const frame = (byte = 0x10) => new Uint8Array(160).fill(byte);

describe("AgentPlayout (Twilio's playout buffer, on a fake clock)", () => {
  it("echoes a mark only once the audio sent before it has played", () => {
    const p = new AgentPlayout();
    // The server sends 100 ms ahead: five frames at t=0, then its mark.
    for (let i = 0; i < 5; i++) p.receive(frame(), 0);
    p.mark("seg-1", 0);
    expect(p.due(0)).toEqual([]);
    expect(p.due(99.9)).toEqual([]);
    expect(p.isPlaying(99.9)).toBe(true);
    expect(p.due(100)).toEqual(["seg-1"]);
    expect(p.due(200)).toEqual([]); // echoed once
    expect(p.isPlaying(100)).toBe(false);
  });

  it("knows whether agent audio was playing at a past moment, across stretches and a clear", () => {
    const p = new AgentPlayout();
    for (let i = 0; i < 5; i++) p.receive(frame(), 0); // plays 0-100
    p.receive(frame(), 300); // a second stretch: 300-320
    for (let i = 0; i < 10; i++) p.receive(frame(), 500); // 500-700, cut by a clear at 550
    p.clear(550);
    expect([0, 99, 100, 200, 300, 319, 320, 520, 549, 550, 600].map((t) => p.playingAt(t))).toEqual([
      true, true, false, false, true, true, false, true, true, false, false,
    ]);
  });

  it("echoes a mark at once when nothing is buffered", () => {
    const p = new AgentPlayout();
    p.receive(frame(), 0);
    p.mark("late", 500);
    expect(p.due(500)).toEqual(["late"]);
  });

  it("keeps marks in order and queues audio behind what is still playing", () => {
    const p = new AgentPlayout();
    p.receive(frame(), 0);
    p.mark("a", 0);
    p.receive(frame(), 5); // starts playing at 20, not at 5
    p.mark("b", 5);
    expect(p.playedUntil).toBe(40);
    expect(p.due(25)).toEqual(["a"]);
    expect(p.due(40)).toEqual(["b"]);
  });

  it("on clear: drops unplayed audio, cuts the recording at that moment, echoes every pending mark", () => {
    const p = new AgentPlayout();
    for (let i = 0; i < 10; i++) p.receive(frame(0x20), 0); // 200 ms
    p.mark("m1", 0);
    for (let i = 0; i < 5; i++) p.receive(frame(0x30), 0); // 100 ms more
    p.mark("m2", 0);
    expect(p.clear(50)).toEqual(["m1", "m2"]);
    expect(p.isPlaying(50)).toBe(false);
    expect(p.due(1000)).toEqual([]);
    const heard = p.chunks.reduce((n, c) => n + c.samples.length, 0);
    expect(heard).toBe(400); // 50 ms at 8 kHz
    expect(p.chunks.at(-1)!.at).toBe(40);
    // Audio after the clear plays at once.
    p.receive(frame(), 60);
    expect(p.playedUntil).toBe(80);
  });

  it("tells when the agent started talking, for barge-in timing", () => {
    const p = new AgentPlayout();
    expect(p.talkingSince(0)).toBeNull();
    p.receive(frame(), 100);
    p.receive(frame(), 110);
    expect(p.talkingSince(130)).toBe(100);
    expect(p.talkingSince(140)).toBeNull();
    p.receive(frame(), 400);
    expect(p.talkingSince(410)).toBe(400);
  });

  it("counts runs, late frames (a dry buffer mid-run) and arrival jitter after the lead fill", () => {
    const p = new AgentPlayout({ record: false });
    // A run: 4 frames of lead at once, then one every 20 ms with ±3 ms wobble.
    let t = 1000;
    for (let i = 0; i < 4; i++) p.receive(frame(), t);
    for (let i = 0; i < 30; i++) {
      t += i % 2 ? 17 : 23;
      p.receive(frame(), t);
    }
    expect(p.runStarts).toEqual([1000]);
    expect(p.framesLate).toBe(0);
    expect(p.jitter.percentile(50)).toBeCloseTo(3, 0);
    expect(p.chunks).toEqual([]);
    // The buffer runs dry (nothing for 200 ms of queued audio + 60 ms): a stutter, not a new run.
    const dryAt = p.playedUntil + 60;
    p.receive(frame(), dryAt);
    expect(p.framesLate).toBe(1);
    // A long pause then audio: a new run (a new sentence), not lateness.
    p.receive(frame(), dryAt + 1000);
    expect(p.runStarts).toEqual([1000, dryAt + 1000]);
    expect(p.framesLate).toBe(1);
  });

  it("counts payloads that are not whole frames", () => {
    const p = new AgentPlayout();
    p.receive(new Uint8Array(80).fill(MULAW_SILENCE), 0);
    expect(p.badFrames).toBe(1);
    expect(p.playedUntil).toBe(10);
  });
});
