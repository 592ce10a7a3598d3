import { describe, expect, it } from "vitest";
import type { VadStream } from "../../providers/speech/types";
import { callerFrame } from "../testing/fakes";
import { VadFeed } from "./vad-feed";

/** An asynchronous VAD whose answers the test resolves by hand, in any order. */
class ManualVad implements VadStream {
  readonly calls: { frame: Int16Array; resolve(p: number): void; reject(e: unknown): void }[] = [];
  process(frame: Int16Array): Promise<number> {
    return new Promise((resolve, reject) => this.calls.push({ frame, resolve, reject }));
  }
  reset(): void {}
  close(): void {}
}

const frame = (tag: number) => new Int16Array(160).fill(tag);
const flush = () => new Promise((r) => setImmediate(r));

describe("VadFeed", () => {
  it("hands every frame to an asynchronous VAD at once and delivers the answers in arrival order", async () => {
    const vad = new ManualVad();
    const got: [number, number, number][] = [];
    const feed = new VadFeed(vad, (f, p, at) => got.push([f[0]!, p, at]), () => undefined);
    for (let i = 1; i <= 4; i++) feed.push(frame(i), i * 20);
    expect(vad.calls).toHaveLength(4); // not one at a time
    vad.calls[2]!.resolve(0.3);
    vad.calls[1]!.resolve(0.2);
    await flush();
    expect(got).toEqual([]); // frame 1 is not answered yet: nothing may overtake it
    vad.calls[0]!.resolve(0.1);
    await flush();
    expect(got).toEqual([
      [1, 0.1, 20],
      [2, 0.2, 40],
      [3, 0.3, 60],
    ]);
    vad.calls[3]!.resolve(0.4);
    await flush();
    expect(got.at(-1)).toEqual([4, 0.4, 80]);
  });

  it("a failed answer is reported and delivered as silence, in its place", async () => {
    const vad = new ManualVad();
    const got: number[] = [];
    const errors: unknown[] = [];
    const feed = new VadFeed(vad, (_f, p) => got.push(p), (e) => errors.push(e));
    feed.push(frame(1), 0);
    feed.push(frame(2), 20);
    vad.calls[0]!.reject(new Error("model gone"));
    vad.calls[1]!.resolve(0.9);
    await flush();
    expect(got).toEqual([0, 0.9]);
    expect(errors).toHaveLength(1);
  });

  it("calls a synchronous VAD inline, and stops scoring past a second of unanswered frames", async () => {
    const got: number[] = [];
    const sync = new VadFeed({ process: () => 0.7, reset() {}, close() {} }, (_f, p) => got.push(p), () => undefined);
    sync.push(frame(1), 0);
    expect(got).toEqual([0.7]);

    const vad = new ManualVad();
    const feed = new VadFeed(vad, () => undefined, () => undefined);
    for (let i = 0; i < 60; i++) feed.push(frame(i), i * 20);
    expect(vad.calls).toHaveLength(50);
    expect(feed.dropped).toBe(10);
  });

  it("delivers nothing after close", async () => {
    const vad = new ManualVad();
    const got: number[] = [];
    const feed = new VadFeed(vad, (_f, p) => got.push(p), () => undefined);
    feed.push(frame(1), 0);
    feed.close();
    vad.calls[0]!.resolve(0.5);
    await flush();
    expect(got).toEqual([]);
  });
  it("keeps frame order with an asynchronous VAD whose answers take different times", async () => {
    const vad = {
      process: async (frame: Int16Array) => {
        await new Promise((r) => setTimeout(r, (frame[1] ?? 0) % 3));
        return (frame[0] ?? 0) / 1000;
      },
      reset() {},
      close() {},
    };
    const seen: number[] = [];
    const feed = new VadFeed(vad, (frame, _p, at) => seen.push(at), () => {});
    for (let i = 1; i <= 20; i++) feed.push(callerFrame(0.5, i), i);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("a throwing VAD is reported and its frame counts as unvoiced", () => {
    const errors: unknown[] = [];
    const probs: number[] = [];
    const feed = new VadFeed({ process: () => { throw new Error("bad model"); }, reset() {}, close() {} }, (_f, p) => probs.push(p), (e) => errors.push(e));
    feed.push(callerFrame(0.9), 20);
    expect(probs).toEqual([0]);
    expect(errors).toHaveLength(1);
  });
});
