import { describe, expect, it } from "vitest";
import { linearToMulaw, MULAW_SILENCE } from "../../../lib/audio/mulaw";
import { OutboundQueue } from "./outbound-queue";

const pcm = (n: number, value = 1000) => new Int16Array(n).fill(value);

function take(q: OutboundQueue): number[] {
  const at = q.takeFrame();
  return Array.from(q.bytes.subarray(at, at + 160));
}

describe("OutboundQueue", () => {
  it("cuts audio into whole 160-byte μ-law frames and pads a segment's last frame with silence", () => {
    const q = new OutboundQueue();
    q.push("s1", pcm(400));
    expect(q.framesReady()).toBe(2); // 80 samples wait for more audio
    q.endSegment("s1");
    expect(q.framesReady()).toBe(3);
    expect(q.takeDueMark()).toBeUndefined();
    expect(take(q)).toEqual(new Array(160).fill(linearToMulaw(1000)));
    take(q);
    expect(q.takeDueMark()).toBeUndefined(); // the mark follows the segment's LAST frame
    const last = take(q);
    expect(last.slice(0, 80)).toEqual(new Array(80).fill(linearToMulaw(1000)));
    expect(last.slice(80)).toEqual(new Array(80).fill(MULAW_SILENCE));
    expect(q.takeDueMark()).toBe("s1");
    expect(q.isEmpty()).toBe(true);
  });

  it("never puts two segments in one frame, and marks an empty segment where it stands", () => {
    const q = new OutboundQueue();
    q.push("a", pcm(100, 500));
    q.push("b", pcm(100, -500));
    expect(q.framesReady()).toBe(1); // "a" padded to a frame, "b" partial
    q.endSegment("b");
    q.endSegment("c");
    expect(take(q)[100]).toBe(MULAW_SILENCE);
    expect(q.takeDueMark()).toBeUndefined();
    expect(take(q)[0]).toBe(linearToMulaw(-500));
    expect(q.takeDueMark()).toBe("b");
    expect(q.takeDueMark()).toBe("c");
  });

  it("clear drops every queued frame and unsent mark; later audio starts clean", () => {
    const q = new OutboundQueue();
    q.push("a", pcm(1000));
    q.endSegment("a");
    q.push("b", pcm(170));
    take(q);
    expect(q.clear()).toEqual(["a"]);
    expect(q.framesReady()).toBe(0);
    expect(q.isEmpty()).toBe(true);
    q.push("c", pcm(160, 7));
    q.endSegment("c");
    expect(take(q)).toEqual(new Array(160).fill(linearToMulaw(7)));
    expect(q.takeDueMark()).toBe("c");
    expect(q.framesTaken).toBe(2);
  });

  it("keeps bytes in order across growth and compaction", () => {
    const q = new OutboundQueue();
    let next = 0;
    // Compared once at the end: an expect per byte (92k of them) took 9 s on a busy CI machine.
    const taken: number[] = [];
    for (let round = 0; round < 40; round++) {
      // Pushes of odd sizes, more than taken, then drain part: forces wrap-around compaction and growth.
      const n = 97 + round * 113;
      const chunk = new Int16Array(n);
      for (let i = 0; i < n; i++) chunk[i] = ((next++ % 200) - 100) * 64;
      q.push("s", chunk);
      for (let f = 0; f < Math.floor(q.framesReady() / 3); f++) taken.push(...take(q));
    }
    while (q.framesReady() > 0) taken.push(...take(q));
    const expected = Array.from({ length: taken.length }, (_, i) => linearToMulaw(((i % 200) - 100) * 64));
    expect(taken.length).toBeGreaterThan(next - 160); // all but a last partial frame
    expect(taken).toEqual(expected);
    expect(q.bytes.length).toBeGreaterThan(16 * 1024);
  });
});
