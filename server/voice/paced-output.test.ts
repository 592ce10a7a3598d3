// PacedOutput's pause/resume: the far end is cleared at once, the audio it had not played yet (and the
// marks after it) go back in front of the queue, and resume sends them again in order.
import { describe, expect, it } from "vitest";
import { FRAME_SAMPLES } from "../../lib/providers/speech/types";
import { PacedOutput, type OutputWire } from "./paced-output";
import { OutboundQueue } from "./twilio/outbound-queue";

type WireEntry = { frame: number } | { mark: string } | "clear";

function setup() {
  let t = 0;
  const wire: WireEntry[] = [];
  const w: OutputWire = {
    // Each test frame is one constant μ-law byte: its first byte identifies it.
    frame: (bytes, offset) => wire.push({ frame: bytes[offset]! }),
    mark: (name) => wire.push({ mark: name }),
    clear: () => wire.push("clear"),
  };
  const out = new PacedOutput(w, { now: () => t });
  return { out, wire, at: (ms: number) => void (t = ms) };
}

/** One frame of a constant sample whose μ-law byte differs per value. */
const frameOf = (value: number) => new Int16Array(FRAME_SAMPLES).fill(value);
const sentFrames = (wire: WireEntry[]) => wire.flatMap((e) => (typeof e === "object" && "frame" in e ? [e.frame] : []));

describe("PacedOutput pause/resume", () => {
  it("puts back the frames the far end had not started, with the marks after them, and sends them again on resume", () => {
    const { out, wire, at } = setup();
    const values = [1000, 2000, 3000, 4000, 5000];
    values.slice(0, 3).forEach((v) => out.audio("s1", frameOf(v)));
    out.endSegment("s1");
    values.slice(3).forEach((v) => out.audio("s2", frameOf(v)));
    out.endSegment("s2");
    at(0);
    expect(out.pump(5)).toBe(5); // plays at 0, 20, 40, 60, 80 at the far end
    const firstSend = sentFrames(wire);
    expect(wire.filter((e) => typeof e === "object" && "mark" in e)).toEqual([{ mark: "s1" }, { mark: "s2" }]);

    at(30); // frames 0 and 1 have started playing; 2, 3 and 4 have not
    expect(out.pause()).toBe(60);
    expect(wire.at(-1)).toBe("clear");
    expect(out.framesReady()).toBe(0); // nothing goes out while paused
    expect(out.pump(5)).toBe(0);
    // The far end echoes both marks on the clear: s1 followed an unplayed frame, so it is not heard
    // (and no longer expected); neither is s2.
    expect(out.markEchoed("s1")).toBeUndefined();
    expect(out.markEchoed("s2")).toBeUndefined();

    at(500);
    out.resume();
    expect(out.framesReady()).toBe(3);
    wire.length = 0;
    expect(out.pump(5)).toBe(3);
    expect(sentFrames(wire)).toEqual(firstSend.slice(2));
    expect(wire.filter((e) => typeof e === "object" && "mark" in e)).toEqual([{ mark: "s1" }, { mark: "s2" }]);
    expect(out.markEchoed("s1")).toBe(true);
    expect(out.markEchoed("s2")).toBe(true);
  });

  it("a pause after everything played puts nothing back; a mark already heard stays heard", () => {
    const { out, wire, at } = setup();
    out.audio("s1", frameOf(1000));
    out.endSegment("s1");
    at(0);
    out.pump(1);
    at(25);
    expect(out.pause()).toBe(0);
    expect(out.markEchoed("s1")).toBe(true);
    out.resume();
    wire.length = 0;
    expect(out.pump(3)).toBe(0);
    expect(wire).toEqual([]);
  });

  it("clear ends a pause and drops the audio it kept, without a second clear on the wire", () => {
    const { out, wire, at } = setup();
    for (let i = 0; i < 4; i++) out.audio("s1", frameOf(1000 * (i + 1)));
    at(0);
    out.pump(4);
    at(10);
    out.pause();
    out.clear();
    expect(out.paused).toBe(false);
    expect(out.framesReady()).toBe(0);
    expect(wire.filter((e) => e === "clear")).toHaveLength(1);
    out.clear(); // not paused now: the far end is told again
    expect(wire.filter((e) => e === "clear")).toHaveLength(2);
  });

  it("audio arriving while paused waits behind the audio put back", () => {
    const { out, wire, at } = setup();
    out.audio("s1", frameOf(1000));
    out.audio("s1", frameOf(2000));
    at(0);
    out.pump(2);
    at(5); // frame 0 started, frame 1 not
    out.pause();
    out.audio("s1", frameOf(3000));
    out.endSegment("s1");
    out.resume();
    wire.length = 0;
    out.pump(5);
    const sent = sentFrames(wire);
    expect(sent).toHaveLength(2);
    expect(sent[0]).not.toBe(sent[1]);
    expect(wire.at(-1)).toEqual({ mark: "s1" });
  });
});

describe("OutboundQueue.requeue", () => {
  it("puts frames back in front even after the buffer was compacted, and keeps later marks on the frame clock", () => {
    const q = new OutboundQueue();
    q.push("a", new Int16Array(FRAME_SAMPLES * 3).fill(1000));
    const taken = [q.takeFrame(), q.takeFrame()].map((at) => q.bytes.slice(at, at + 160));
    q.push("a", new Int16Array(FRAME_SAMPLES * 2000).fill(2000)); // grows: the taken bytes are gone from the buffer
    q.endSegment("a");
    const back = new Uint8Array(320);
    back.set(taken[0]!, 0);
    back.set(taken[1]!, 160);
    q.requeue(back, [{ name: "x", afterFrame: 1 }]);
    expect(q.framesReady()).toBe(2003);
    expect(q.bytes[q.takeFrame()]).toBe(taken[0]![0]);
    expect(q.takeDueMark()).toBe("x");
    q.takeFrame();
    q.takeFrame();
    expect(q.takeDueMark()).toBeUndefined();
    for (let i = 0; i < 2000; i++) q.takeFrame();
    expect(q.takeDueMark()).toBe("a");
    expect(() => q.requeue(new Uint8Array(100), [])).toThrow(/whole frames/);
  });
});
