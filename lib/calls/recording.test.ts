import { mkdtemp, open, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractChannel, parseWav } from "../audio/wav";
import { LocalStorage } from "../providers/storage/local";
import { createCallRecorder, recordingKey, type AppendOnlyFile } from "./recording";

const logger = pino({ level: "silent" });
const F = 160;
let dir: string;
let storage: LocalStorage;
let tmp: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "frontdesk-recorder-"));
  storage = new LocalStorage(path.join(dir, "storage"));
  tmp = path.join(dir, "tmp");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const frame = (value: number, samples = F) => new Int16Array(samples).fill(value);
const recorder = (extra: Partial<Parameters<typeof createCallRecorder>[0]> = {}) =>
  createCallRecorder({ tenantId: "t1", callId: "c1", storage, tmpDir: tmp, logger, ...extra });

async function readBack() {
  const obj = await storage.get(recordingKey("t1", "c1"));
  expect(obj?.contentType).toBe("audio/wav");
  const wav = parseWav(await buffer(obj!.body));
  return { wav, left: extractChannel(wav.samples, 2, 0), right: extractChannel(wav.samples, 2, 1) };
}

/** The value of each 20 ms frame of a channel (its first sample), checking the frame is uniform. */
function frameValues(channel: Int16Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < channel.length; i += F) {
    const f = channel.subarray(i, i + F);
    expect(f.every((s) => s === f[0])).toBe(true);
    out.push(f[0]!);
  }
  return out;
}

/** Lets the recorder's queued writes finish, as the 20 ms between real frames would. */
async function drained(r: { stats(): { pendingBytes: number } }) {
  while (r.stats().pendingBytes > 0) await new Promise((resolve) => setTimeout(resolve, 1));
}

const tmpFiles = async () => readdir(tmp).catch(() => [] as string[]);

describe("call recorder", () => {
  it("puts caller left and agent right on the caller's timeline, agent frames where they played", async () => {
    const r = recorder();
    const agentAt = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      // Frames come 50 a second in a call: the disk gets its turn between them.
      if (i % 25 === 0) await drained(r);
      r.caller(frame(i + 1));
      // Agent speaks frames 100..149 as they play, and one frame is handed over 10 frames early.
      if (i >= 100 && i < 150) {
        r.agent(frame(-(i + 1)), i);
        agentAt.set(i, -(i + 1));
      }
      if (i === 200) {
        r.agent(frame(-7), 210);
        agentAt.set(210, -7);
      }
    }
    r.agent(frame(-9), 305); // queued past the caller's hang-up: never heard, not in the file
    const result = await r.finish();
    expect(result).toEqual({ key: "tenants/t1/calls/c1/recording.wav", durationSec: 6, complete: true });

    const { wav, left, right } = await readBack();
    expect(wav.sampleRate).toBe(8000);
    expect(wav.channels).toBe(2);
    expect(frameValues(left)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(frameValues(right)).toEqual(Array.from({ length: 300 }, (_, i) => agentAt.get(i) ?? 0));
    expect(r.stats()).toMatchObject({ frames: 300, droppedAgentFrames: 0, stopped: null, pendingBytes: 0 });
    expect(await tmpFiles()).toEqual([]);
  });

  it("pads short frames with silence and drops agent frames too late or too far ahead", async () => {
    const r = recorder();
    for (let i = 0; i < 200; i++) {
      if (i % 25 === 0) await drained(r);
      r.caller(frame(1, i === 0 ? 80 : F));
    }
    r.agent(frame(5), 3); // long since written to disk
    r.agent(frame(5), 200 + 500); // far beyond what the transport may queue
    r.agent(frame(5), 1.5);
    r.agent(frame(6, 40), 199);
    await r.finish();
    const { left, right } = await readBack();
    expect(Array.from(left.subarray(0, F))).toEqual([...Array(80).fill(1), ...Array(80).fill(0)]);
    expect(right.subarray(0, 199 * F).every((s) => s === 0)).toBe(true);
    expect(Array.from(right.subarray(199 * F))).toEqual([...Array(40).fill(6), ...Array(120).fill(0)]);
    expect(r.stats().droppedAgentFrames).toBe(3);
  });

  it("uploads nothing for a call without audio, and nothing after abort", async () => {
    expect(await recorder().finish()).toBeNull();
    const r = recorder();
    for (let i = 0; i < 500; i++) r.caller(frame(3));
    await r.abort();
    await r.abort();
    r.caller(frame(3));
    expect(await storage.exists(recordingKey("t1", "c1"))).toBe(false);
    expect(await tmpFiles()).toEqual([]);
  });

  it("finish is idempotent", async () => {
    const r = recorder();
    for (let i = 0; i < 10; i++) r.caller(frame(2));
    const [a, b] = await Promise.all([r.finish(), r.finish()]);
    expect(a).toEqual(b);
    expect(a?.durationSec).toBeCloseTo(0.2);
  });

  it("stops with bounded memory when the disk is slower than the call, keeping what it wrote", async () => {
    const released: (() => void)[] = [];
    // A real file whose writes complete only when the test releases them.
    const slow = async (file: string): Promise<AppendOnlyFile> => {
      const handle = await open(file, "wx");
      return {
        write: (chunk) => new Promise((resolve) => released.push(() => void handle.write(chunk).then(resolve))),
        close: () => handle.close(),
      };
    };
    const maxPendingBytes = 3 * 50 * F * 4;
    const r = recorder({ openFile: slow, maxPendingBytes });
    for (let i = 0; i < 3000; i++) {
      r.caller(frame(1));
      expect(r.stats().pendingBytes).toBeLessThanOrEqual(maxPendingBytes);
    }
    expect(r.stats().stopped).toBe("overflow");
    // Frames after the overflow are refused outright, so nothing accumulates.
    expect(r.stats().pendingBytes).toBe(maxPendingBytes);
    const finished = r.finish();
    // The disk catches up eventually: what was queued before the overflow is all written.
    while (r.stats().pendingBytes > 0) {
      released.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await finished).toMatchObject({ complete: false, durationSec: 3 });
    const { left } = await readBack();
    expect(left.length).toBe(150 * F);
    expect(await tmpFiles()).toEqual([]);
  });

  it("uploads the part written before a write error, flagged incomplete", async () => {
    let writes = 0;
    const failing = async (file: string): Promise<AppendOnlyFile> => {
      const handle = await open(file, "wx");
      return {
        write: async (chunk) => {
          if (++writes > 2) throw new Error("EIO");
          await handle.write(chunk);
        },
        close: () => handle.close(),
      };
    };
    const r = recorder({ openFile: failing });
    for (let i = 0; i < 1000; i++) {
      r.caller(frame(i % 100));
      await drained(r);
    }
    expect(r.stats().stopped).toBe("write_error");
    const result = await r.finish();
    // Two whole appends of 3 s each made it to disk.
    expect(result).toMatchObject({ complete: false, durationSec: 6 });
    const { left } = await readBack();
    expect(frameValues(left)).toEqual(Array.from({ length: 300 }, (_, i) => i % 100));
    expect(await tmpFiles()).toEqual([]);
  });
});
