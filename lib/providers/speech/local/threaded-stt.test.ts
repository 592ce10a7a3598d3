import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prompts } from "../../../conversation/prompts";
import { FakeResponder, text } from "../../../conversation/testing/fakes";
import { CallHarness } from "../../../conversation/testing/harness";
import { answerBefore, callerPcm } from "../../../test/fixtures/speech";
import { FRAME_SAMPLES, type SttStream } from "../types";
import { parseEnv } from "../../../env";
import { SttThreadsConfigError, ThreadedStt } from "./threaded-stt";

const ctx = {
  language: "en-US",
  phrases: ["What time do you open on Saturday?", "I'd like to leave a message", "Where are you located?", "Do you take walk-ins?", "Bright Smile Dental"],
};
const PHRASES = ["what time do you open on saturday", "i'd like to leave a message", "five five five one two three four"];

// Two workers whatever the machine, so that streams can be pinned to different threads.
const stt = new ThreadedStt({ threads: 2 });

function feed(s: SttStream, pcm: Int16Array): void {
  for (let at = 0; at + FRAME_SAMPLES <= pcm.length; at += FRAME_SAMPLES) s.write(pcm.subarray(at, at + FRAME_SAMPLES));
}

/** Waits (bounded) until `check` holds, letting the workers' messages in. */
async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(() => stt.load(), 60_000);
afterAll(() => stt.close());

describe("ThreadedStt", { timeout: 60_000 }, () => {
  it.each(PHRASES)("recognises in-grammar speech word for word in a worker: %s", async (expected) => {
    const stream = await stt.createStream(ctx);
    try {
      stream.expectAnswer!(answerBefore(expected));
      feed(stream, callerPcm(expected));
      const result = await stream.finalize();
      expect(result).toMatchObject({ text: expected, understood: true });
      expect(result.audioSec).toBeGreaterThan(0.5);
    } finally {
      stream.close();
    }
  });

  it("narrows the worker's grammar to the expected answer, and keeps it when the stream reopens on another worker", async () => {
    const digits = "five five five one two three four";
    const digitWords = /\b(?:five|one|two|three|four)\b/;
    const stream = await stt.createStream(ctx);
    try {
      feed(stream, callerPcm(digits));
      expect((await stream.finalize()).text).not.toMatch(digitWords);
      stream.expectAnswer!("number");
      feed(stream, callerPcm(digits));
      expect(await stream.finalize()).toMatchObject({ text: digits, understood: true });
      await stt.workerOf(stream)!.terminate();
      await until(() => stt.workerOf(stream) === undefined, "the stream to lose its worker");
      feed(stream, callerPcm(digits));
      // Still a digit run on the new worker (a fresh decoder may mishear a digit or two: its noise
      // normalisation starts over; only the grammar is checked here).
      expect((await stream.finalize()).text).toMatch(/^(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double) ?){4,}$/);
      stream.expectAnswer!("open");
      feed(stream, callerPcm(digits));
      expect((await stream.finalize()).text).not.toMatch(digitWords);
    } finally {
      stream.close();
    }
  });

  it("pushes partial hypotheses back while audio is fed, and starts the next utterance empty", async () => {
    const stream = await stt.createStream(ctx);
    const pcm = callerPcm("what time do you open on saturday");
    const half = Math.floor(pcm.length / 2 / FRAME_SAMPLES) * FRAME_SAMPLES;
    expect(stream.partial()).toBe("");
    feed(stream, pcm.subarray(0, half));
    await until(() => stream.partial() !== "", "a partial");
    feed(stream, pcm.subarray(half));
    expect(await stream.finalize()).toMatchObject({ text: "what time do you open on saturday" });
    expect(stream.partial()).toBe("");
    stream.close();
  });

  it("drops the utterance on reset", async () => {
    const stream = await stt.createStream(ctx);
    feed(stream, callerPcm("five five five one two three four"));
    stream.reset();
    expect(stream.partial()).toBe("");
    feed(stream, callerPcm("i'd like to leave a message"));
    expect(await stream.finalize()).toMatchObject({ text: "i'd like to leave a message", understood: true });
    // Nothing fed since: an empty utterance, not the dropped one.
    expect(await stream.finalize()).toMatchObject({ text: "", understood: false, audioSec: 0 });
    stream.close();
  });

  it("pins concurrent streams to different workers without mixing their audio", async () => {
    const [a, b] = await Promise.all([stt.createStream(ctx), stt.createStream(ctx)]);
    expect(stt.workerOf(a)!.threadId).not.toBe(stt.workerOf(b)!.threadId);
    const [pa, pb] = [callerPcm("what time do you open on saturday"), callerPcm("i'd like to leave a message")];
    // Interleaved frame by frame, as two calls' audio arrives.
    for (let at = 0; at < Math.max(pa.length, pb.length); at += FRAME_SAMPLES) {
      if (at + FRAME_SAMPLES <= pa.length) a.write(pa.subarray(at, at + FRAME_SAMPLES));
      if (at + FRAME_SAMPLES <= pb.length) b.write(pb.subarray(at, at + FRAME_SAMPLES));
    }
    const [ra, rb] = await Promise.all([a.finalize(), b.finalize()]);
    expect(ra.text).toBe("what time do you open on saturday");
    expect(rb.text).toBe("i'd like to leave a message");
    a.close();
    b.close();
  });

  it("fails the pending finalize when its worker dies, and recognises again on a new worker", async () => {
    const stream = await stt.createStream(ctx);
    const worker = stt.workerOf(stream)!;
    const restarts = stt.stats().restarts;
    // Several seconds of audio: the worker is still decoding when it is killed.
    for (const phrase of PHRASES) feed(stream, callerPcm(phrase));
    const pending = stream.finalize();
    await worker.terminate();
    await expect(pending).rejects.toMatchObject({ code: "STT_WORKER_FAILED" });
    expect(stt.stats().restarts).toBe(restarts + 1);

    const fresh = await stt.createStream(ctx);
    feed(fresh, callerPcm("i'd like to leave a message"));
    expect(await fresh.finalize()).toMatchObject({ text: "i'd like to leave a message", understood: true });
    fresh.close();
    // The stream that lost its worker reopens on a live one at its next utterance.
    // (The same phrase as above: the decoder's noise normalisation carries over from the previous
    // utterance, and the digits are misheard after some phrases by SphinxStt on the main thread too.)
    feed(stream, callerPcm("i'd like to leave a message"));
    expect(stt.workerOf(stream)).toBeDefined();
    expect(await stream.finalize()).toMatchObject({ text: "i'd like to leave a message" });
    stream.close();
  });

  it("rejects a thread count that is not a small whole number, naming the variable", () => {
    expect(() => new ThreadedStt({ threads: 1.5 })).toThrow(SttThreadsConfigError);
    expect(() => new ThreadedStt({ threads: 0 })).toThrow(/STT_THREADS/);
    expect(new ThreadedStt({ threads: parseEnv({ STT_THREADS: " 3 " }).STT_THREADS }).threads).toBe(3);
    expect(new ThreadedStt({}).threads).toBeGreaterThanOrEqual(1);
    expect(() => parseEnv({ STT_THREADS: "lots" })).toThrow(/STT_THREADS/);
  });

  it("lets the process exit once closed (no thread or handle left behind)", async () => {
    // A separate process under tsx: it hangs (and this test times out) if close() leaves a thread running.
    const entry = fileURLToPath(new URL("./threaded-stt.ts", import.meta.url));
    const fixtures = fileURLToPath(new URL("../../../test/fixtures/speech/index.ts", import.meta.url));
    const script = `
      const { ThreadedStt } = await import(${JSON.stringify(entry)});
      const { callerPcm } = await import(${JSON.stringify(fixtures)});
      const stt = new ThreadedStt({ threads: 2 });
      await stt.load();
      const stream = await stt.createStream(${JSON.stringify(ctx)});
      const pcm = callerPcm("i'd like to leave a message");
      for (let at = 0; at + 160 <= pcm.length; at += 160) stream.write(pcm.subarray(at, at + 160));
      const { text } = await stream.finalize();
      stream.close();
      await stt.close();
      console.log(JSON.stringify({ text }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { timeout: 50_000 });
    expect(JSON.parse(stdout.trim())).toEqual({ text: "i'd like to leave a message" });
  });
});

// What a failed finalize (a dead worker) means for a call: the engine reports it, asks the caller
// to say it again and goes on listening; the next utterance is answered as usual.
describe("a call whose recogniser fails a finalize", () => {
  it("apologises, asks again, and answers the next utterance", async () => {
    const h = new CallHarness({ responder: new FakeResponder(() => [text("We open at nine.")]) });
    const finalize = h.stt.finalize.bind(h.stt);
    let failures = 1;
    h.stt.finalize = () => (failures-- > 0 ? (h.stt.reset(), Promise.reject(new Error("speech recognition worker exited with code 1"))) : finalize());
    await h.start();
    await h.untilListening();
    await h.say("what time do you open on saturday", 1200);
    await h.until(() => h.sink.texts().join(" ").includes(prompts.apology));
    expect(h.observer.eventsOf("error").map((e) => e.payload)).toEqual([{ source: "stt", message: "speech recognition worker exited with code 1" }]);
    await h.untilListening();
    await h.say("what time do you open on saturday", 1200);
    await h.until(() => h.sink.texts().join(" ").includes("We open at nine."));
    expect(h.callerTurns()).toEqual([expect.objectContaining({ text: "what time do you open on saturday", understood: true })]);
  });
});
