import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { collectPcm } from "../../../audio/pcm";
import { answerBefore, callerPcm } from "../../../test/fixtures/speech";
import { FRAME_SAMPLES, type SttStream } from "../types";
import { EspeakTts } from "./espeak-tts";
import { SphinxStt } from "./sphinx-stt";

// Caller speech comes from the local synthesiser (its US female variant, which the 8 kHz model
// recognises best of the espeak voices; see the report of the speech work).
const VOICE = "local-en-us-2";
const stt = new SphinxStt();
const tts = new EspeakTts();
let stream: SttStream;

const ctx = {
  language: "en-US",
  phrases: ["What time do you open on Saturday?", "I'd like to leave a message", "Where are you located?", "Do you take walk-ins?", "Bright Smile Dental"],
};

const speak = (text: string) => collectPcm(tts.synthesize({ text, voiceId: VOICE }));

function feed(s: SttStream, pcm: Int16Array): void {
  for (let at = 0; at + FRAME_SAMPLES <= pcm.length; at += FRAME_SAMPLES) s.write(pcm.subarray(at, at + FRAME_SAMPLES));
}

beforeAll(async () => {
  stream = await stt.createStream(ctx);
}, 30_000);

afterAll(async () => {
  stream.close();
  await Promise.all([tts.close(), stt.close()]);
});

describe("SphinxStt", { timeout: 30_000 }, () => {
  // Fixed renditions (lib/test/fixtures/speech): espeak's voices carry random noise, so a live
  // rendition is occasionally misheard, and a word-for-word test must not be a lottery.
  it.each(["what time do you open on saturday", "i'd like to leave a message", "five five five one two three four"])(
    "recognises in-grammar speech word for word: %s",
    async (expected) => {
      stream.expectAnswer!(answerBefore(expected));
      feed(stream, callerPcm(expected));
      const result = await stream.finalize();
      stream.expectAnswer!("open");
      expect(result).toMatchObject({ text: expected, understood: true });
      expect(result.audioSec).toBeGreaterThan(0.5);
    },
  );

  it("allows a bare digit run only after the agent asked for a number, from the next utterance on", async () => {
    const digits = callerPcm("five five five one two three four");
    const half = Math.floor(digits.length / 2 / FRAME_SAMPLES) * FRAME_SAMPLES;
    const s = await stt.createStream(ctx);
    // At first (the greeting asked for nothing in particular) the digits are not in the grammar.
    feed(s, digits);
    expect((await s.finalize()).text).not.toMatch(/\b(?:five|one|two|three|four)\b/);
    // Asked for mid-utterance: that utterance keeps its grammar, the next one gets the digits.
    feed(s, digits.subarray(0, half));
    s.expectAnswer!("number");
    feed(s, digits.subarray(half));
    expect((await s.finalize()).text).not.toMatch(/\b(?:five|one|two|three|four)\b/);
    feed(s, digits);
    expect(await s.finalize()).toMatchObject({ text: "five five five one two three four", understood: true });
    // Phrases are heard in either grammar.
    feed(s, callerPcm("i'd like to leave a message"));
    expect(await s.finalize()).toMatchObject({ text: "i'd like to leave a message", understood: true });
    s.expectAnswer!("open");
    feed(s, digits);
    expect((await s.finalize()).text).not.toMatch(/\b(?:five|one|two|three|four)\b/);
    s.close();
  });

  it("says plainly when it did not understand out-of-grammar speech", async () => {
    feed(stream, await speak("My dog ate the pizza while we watched a movie in the rain."));
    expect(await stream.finalize()).toMatchObject({ text: "", understood: false });
  });

  it("has a partial hypothesis while audio arrives, and reset drops the utterance", async () => {
    feed(stream, callerPcm("i'd like to leave a message"));
    expect(stream.partial()).toMatch(/message/);
    stream.reset();
    expect(stream.partial()).toBe("");
    expect(await stream.finalize()).toEqual({ text: "", understood: false, audioSec: 0 });
  });

  it("reuses a pooled decoder and its compiled grammar for the same agent", async () => {
    const other = await stt.createStream(ctx);
    other.close();
    const again = await stt.createStream(ctx);
    // A fixed rendition: a live one is occasionally misheard, and this checks the pool, not the voice.
    feed(again, callerPcm("what time do you open on saturday"));
    expect((await again.finalize()).text).toBe("what time do you open on saturday");
    again.close();
    expect(() => again.write(new Int16Array(FRAME_SAMPLES))).toThrow(/closed/);
  });
});

// Decoders are lent to utterances, not calls: these use providers of their own so the counts are theirs.
describe("SphinxStt decoder pool", { timeout: 30_000 }, () => {
  const live = (s: SphinxStt) => s.stats().busy + s.stats().idle + s.stats().creating;
  // Creating a decoder compiles its grammar (~40 ms of CPU alone, seconds on a loaded box): vi.waitFor's
  // default second made these fail whenever the machine was busy.
  const WAIT = { timeout: 20_000, interval: 50 };
  const settled = (s: SphinxStt) => vi.waitFor(() => expect(s.stats()).toMatchObject({ waiting: 0, creating: 0 }), WAIT);

  it("serves 20 calls with 2 callers speaking on 2 decoders, keeping frames that arrive before a decoder is ready", async () => {
    const pool = new SphinxStt();
    try {
      const streams = await Promise.all(Array.from({ length: 20 }, () => pool.createStream(ctx)));
      expect(live(pool)).toBe(1); // the one that compiled the grammar, now idle
      const [a, b] = [streams[3]!, streams[11]!];
      const [pa, pb] = [callerPcm("what time do you open on saturday"), callerPcm("i'd like to leave a message")];
      const len = Math.max(pa.length, pb.length);
      for (let at = 0; at + FRAME_SAMPLES <= len; at += FRAME_SAMPLES) {
        if (at + FRAME_SAMPLES <= pa.length) a.write(pa.subarray(at, at + FRAME_SAMPLES));
        if (at + FRAME_SAMPLES <= pb.length) b.write(pb.subarray(at, at + FRAME_SAMPLES));
      }
      // a took the idle decoder; b's is still being created, its audio waits for it.
      expect(pool.stats()).toMatchObject({ busy: 1, idle: 0, waiting: 1, creating: 1 });
      expect(b.partial()).toBe("");
      expect(streams[0]!.partial()).toBe("");
      expect(a.partial()).toMatch(/saturday/);
      expect(await a.finalize()).toMatchObject({ text: "what time do you open on saturday", understood: true });
      expect(await b.finalize()).toMatchObject({ text: "i'd like to leave a message", understood: true });
      await settled(pool);
      expect(pool.stats()).toMatchObject({ busy: 0, idle: 2, created: 2, freed: 0 });
      for (const s of streams) s.close();
      expect(live(pool)).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("switches an idle decoder to another agent's grammar, and frees the least recently used beyond the cap", async () => {
    const pool = new SphinxStt({ maxIdleDecoders: 1 });
    try {
      const other = { language: "en-US", phrases: ["I'd like to leave a message", "Can I speak to a person?", "Cancel my appointment"] };
      const [a, b, c] = [await pool.createStream(ctx), await pool.createStream(other), await pool.createStream(ctx)];
      // Each agent's grammar was compiled in both forms (with and without a bare digit run) and
      // checked on the one decoder, which was left on the last: the other agent's, without digits.
      expect(pool.stats()).toMatchObject({ created: 1, grammarSwitches: 3 });
      feed(b, callerPcm("i'd like to leave a message"));
      expect(await b.finalize()).toMatchObject({ text: "i'd like to leave a message", understood: true });
      expect(pool.stats().grammarSwitches).toBe(3);
      feed(a, callerPcm("what time do you open on saturday"));
      expect(await a.finalize()).toMatchObject({ text: "what time do you open on saturday", understood: true });
      expect(pool.stats()).toMatchObject({ created: 1, grammarSwitches: 4 });
      // Three utterances at once need three decoders; when they end, one stays and two are freed.
      for (const s of [a, b, c]) s.write(callerPcm("five five five one two three four").subarray(0, FRAME_SAMPLES));
      await settled(pool);
      expect(pool.stats()).toMatchObject({ busy: 3, idle: 0, created: 3 });
      await Promise.all([a.finalize(), b.finalize()]);
      c.reset();
      expect(pool.stats()).toMatchObject({ busy: 0, idle: 1, created: 3, freed: 2 });
    } finally {
      await pool.close();
    }
    expect(pool.stats()).toMatchObject({ idle: 0, freed: 3 });
  });

  it("gives a released decoder to an utterance still waiting for one", async () => {
    const pool = new SphinxStt();
    try {
      const [a, b] = [await pool.createStream(ctx), await pool.createStream(ctx)];
      const pcm = callerPcm("i'd like to leave a message");
      a.write(new Int16Array(FRAME_SAMPLES).fill(100));
      feed(b, pcm);
      a.reset(); // before the new decoder is ready: b gets a's at once
      expect(pool.stats()).toMatchObject({ busy: 1, idle: 0, waiting: 0, creating: 1 });
      await vi.waitFor(() => expect(b.partial()).toMatch(/message/), WAIT);
      expect(await b.finalize()).toMatchObject({ text: "i'd like to leave a message", understood: true });
      await settled(pool);
      expect(pool.stats()).toMatchObject({ busy: 0, idle: 2, created: 2 });
    } finally {
      await pool.close();
    }
  });

  it("hands a decoder that arrives after its utterance was dropped straight back to the pool", async () => {
    const pool = new SphinxStt();
    try {
      const [a, b] = [await pool.createStream(ctx), await pool.createStream(ctx)];
      a.write(new Int16Array(FRAME_SAMPLES).fill(100));
      b.write(new Int16Array(FRAME_SAMPLES).fill(100));
      expect(pool.stats()).toMatchObject({ busy: 1, waiting: 1, creating: 1 });
      b.reset();
      await settled(pool);
      expect(pool.stats()).toMatchObject({ busy: 1, idle: 1 });
      expect(await b.finalize()).toEqual({ text: "", understood: false, audioSec: 0 });
      a.close();
      expect(pool.stats()).toMatchObject({ busy: 0, idle: 2 });
    } finally {
      await pool.close();
    }
  });
});
