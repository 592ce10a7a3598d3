import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerPcm } from "../../../test/fixtures/speech";
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

async function speak(text: string): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const c of tts.synthesize({ text, voiceId: VOICE })) parts.push(c);
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

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
      feed(stream, callerPcm(expected));
      const result = await stream.finalize();
      expect(result).toMatchObject({ text: expected, understood: true });
      expect(result.audioSec).toBeGreaterThan(0.5);
    },
  );

  it("says plainly when it did not understand out-of-grammar speech", async () => {
    feed(stream, await speak("My dog ate the pizza while we watched a movie in the rain."));
    expect(await stream.finalize()).toMatchObject({ text: "", understood: false });
  });

  it("has a partial hypothesis while audio arrives, and reset drops the utterance", async () => {
    feed(stream, await speak("I'd like to leave a message."));
    expect(stream.partial()).toMatch(/message/);
    stream.reset();
    expect(stream.partial()).toBe("");
    expect(await stream.finalize()).toEqual({ text: "", understood: false, audioSec: 0 });
  });

  it("reuses a pooled decoder and its compiled grammar for the same agent", async () => {
    const other = await stt.createStream(ctx);
    other.close();
    const again = await stt.createStream(ctx);
    feed(again, await speak("What time do you open on Saturday?"));
    expect((await again.finalize()).text).toBe("what time do you open on saturday");
    again.close();
    expect(() => again.write(new Int16Array(FRAME_SAMPLES))).toThrow(/closed/);
  });
});
