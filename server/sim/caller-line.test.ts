import { describe, expect, it } from "vitest";
import { decodeMulaw, MULAW_SILENCE } from "../../lib/audio/mulaw";
import { concatPcm } from "../../lib/audio/pcm";
import { CallerLine, lineNoise, speechFrames } from "./caller-line";

/** `silentMs` of silence, then `loudMs` of a 440 Hz tone, then `silentMs` again. */
function utterance(silentMs: number, loudMs: number): Int16Array {
  const n = (ms: number) => (ms * 8000) / 1000;
  const pcm = new Int16Array(n(silentMs) * 2 + n(loudMs));
  for (let i = n(silentMs); i < n(silentMs) + n(loudMs); i++) pcm[i] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 8000));
  return pcm;
}

describe("CallerLine", () => {
  it("finds the speech inside a turn's audio", () => {
    expect(speechFrames(utterance(100, 200))).toEqual({ first: 5, last: 14 });
    expect(speechFrames(new Int16Array(800))).toEqual({ first: -1, last: -1 });
  });

  it("sends silence between turns and the turn's frames in order, timing its speech on the send clock", async () => {
    const line = new CallerLine();
    expect(line.nextFrame(0)).toEqual(new Uint8Array(160).fill(MULAW_SILENCE));
    const audio = utterance(100, 200); // 400 ms: 20 frames
    const spoken = line.speak(audio);
    expect(line.speaking).toBe(true);
    const sent: Uint8Array[] = [];
    for (let f = 0; f < 20; f++) sent.push(line.nextFrame(1000 + f * 20));
    expect(line.speaking).toBe(false);
    const timing = await spoken;
    expect(timing).toEqual({ startedAt: 1000, onsetAt: 1100, speechEndAt: 1300, endedAt: 1400 });
    // What went out is the turn's audio (through μ-law and back, so only roughly equal).
    const back = decodeMulaw(Buffer.concat(sent));
    expect(back.length).toBe(audio.length);
    expect(Math.abs(back[900]! - audio[900]!)).toBeLessThan(200);
    // The recording keeps the frames at their send times.
    expect(line.chunks.map((c) => c.at)).toEqual(Array.from({ length: 20 }, (_, f) => 1000 + f * 20));
    expect(line.nextFrame(2000)[0]).toBe(MULAW_SILENCE);
  });

  it("with line noise: the noise at its level between turns and under the speech, which is still timed by the words", async () => {
    const rms = (pcm: Int16Array) => Math.sqrt(pcm.reduce((a, v) => a + v * v, 0) / pcm.length);
    expect(20 * Math.log10(rms(lineNoise(-50)) / 32768)).toBeCloseTo(-50, 0);
    const line = new CallerLine({ noiseDbfs: -50, record: false });
    const quiet = Array.from({ length: 50 }, (_, f) => decodeMulaw(line.nextFrame(f * 20)));
    const level = 20 * Math.log10(rms(concatPcm(quiet)) / 32768);
    expect(level).toBeGreaterThan(-52);
    expect(level).toBeLessThan(-48);
    // Not one frame repeated: a second of noise, looped.
    expect(quiet[0]).not.toEqual(quiet[1]);
    const spoken = line.speak(utterance(100, 200));
    const sent = Array.from({ length: 20 }, (_, f) => decodeMulaw(line.nextFrame(1000 + f * 20)));
    expect((await spoken).onsetAt).toBe(1100);
    expect(rms(sent[2]!)).toBeGreaterThan(50); // the noise under the turn's own silence
    expect(rms(sent[10]!)).toBeGreaterThan(3000); // the words
  });

  it("pads a turn to whole frames and queues turns back to back", async () => {
    const line = new CallerLine({ record: false });
    const a = line.speak(new Int16Array(170).fill(3000)); // 2 frames, the second mostly padding
    const b = line.speak(new Int16Array(160).fill(3000));
    line.nextFrame(0);
    line.nextFrame(20);
    expect((await a).endedAt).toBe(40);
    line.nextFrame(40);
    expect((await b).startedAt).toBe(40);
    expect(line.chunks).toEqual([]);
  });
});
