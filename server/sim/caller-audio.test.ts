import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeWav, interleaveStereo } from "../../lib/audio/wav";
import { prepareScript, wavToTelephonePcm } from "./caller-audio";
import { SimError } from "./errors";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sim-audio-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("caller audio", () => {
  it("reads a WAV at any rate as 8 kHz mono from its first channel", () => {
    const left = new Int16Array(16000).fill(1000); // 1 s at 16 kHz
    const right = new Int16Array(16000).fill(-1000);
    const pcm = wavToTelephonePcm(encodeWav(interleaveStereo(left, right), 16000, 2), "x.wav");
    expect(pcm.length).toBeGreaterThan(7900);
    expect(pcm.length).toBeLessThan(8100);
    expect(pcm[4000]).toBeGreaterThan(900); // the left channel, not the right
  });

  it("turns a bad file into AUDIO_FAILED naming it", () => {
    const err = (() => {
      try {
        wavToTelephonePcm(Buffer.from("not a wav file at all"), "notes.txt");
      } catch (e) {
        return e as SimError;
      }
    })();
    expect(err?.code).toBe("AUDIO_FAILED");
    expect(err?.message).toMatch(/^notes\.txt: .*NOT_RIFF_WAVE/);
  });

  it("prepares a script: synthesised lines, read files, DTMF as is", async () => {
    const file = path.join(dir, "hello.wav");
    await writeFile(file, encodeWav(new Int16Array(800).fill(500), 8000));
    const tts = {
      async *synthesize(req: { text: string }) {
        yield new Int16Array(req.text.length * 10).fill(7);
      },
    };
    const steps = await prepareScript(
      [
        { kind: "say", text: "hi" },
        { kind: "wav", file },
        { kind: "dtmf", digit: "0" },
      ],
      { tts, voiceId: "local-en-us-2" },
    );
    expect(steps.map((s) => s.pcm?.length)).toEqual([20, 800, undefined]);
    const missing = await prepareScript([{ kind: "wav", file: path.join(dir, "nope.wav") }], { voiceId: "v" }).catch((e: unknown) => e);
    expect((missing as SimError).code).toBe("AUDIO_FAILED");
    expect((missing as Error).message).toMatch(/ENOENT/);
  });
});
