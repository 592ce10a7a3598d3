// What the local speech providers cost on this machine: VAD µs per 20 ms frame, STT µs per fed frame
// and finalize ms, TTS ms to first audio and in total for one sentence. `tsx server/bench/speech-cost.ts`
import { concatPcm } from "../../lib/audio/pcm";
import { FRAME_SAMPLES, SAMPLE_RATE } from "../../lib/providers/speech/types";
import { EspeakTts } from "../../lib/providers/speech/local/espeak-tts";
import { SileroVad } from "../../lib/providers/speech/local/silero-vad";
import { SphinxStt } from "../../lib/providers/speech/local/sphinx-stt";

const SENTENCE = "Thanks for calling, we are open from nine to five on Saturday.";
const ROUNDS = 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function synthesize(tts: EspeakTts, text: string, voiceId = "local-en-us-2"): Promise<{ pcm: Int16Array; firstMs: number; totalMs: number }> {
  const t0 = performance.now();
  let firstMs = 0;
  const parts: Int16Array[] = [];
  for await (const c of tts.synthesize({ text, voiceId })) {
    if (!parts.length) firstMs = performance.now() - t0;
    parts.push(c);
  }
  return { pcm: concatPcm(parts), firstMs, totalMs: performance.now() - t0 };
}

async function main(): Promise<void> {
  const tts = new EspeakTts();
  await tts.warmUp();
  const first: number[] = [];
  const total: number[] = [];
  let speech: Int16Array = new Int16Array(0);
  for (let i = 0; i < ROUNDS; i++) {
    const r = await synthesize(tts, SENTENCE);
    first.push(r.firstMs);
    total.push(r.totalMs);
    speech = r.pcm;
  }
  console.log(`TTS  ${(speech.length / SAMPLE_RATE).toFixed(2)} s sentence: first audio ${median(first).toFixed(1)} ms, total ${median(total).toFixed(1)} ms (median of ${ROUNDS})`);

  const vad = new SileroVad();
  await vad.load();
  const stream = vad.createStream();
  const frames = Math.floor(speech.length / FRAME_SAMPLES);
  const vadT0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (let f = 0; f < frames; f++) await stream.process(speech.subarray(f * FRAME_SAMPLES, (f + 1) * FRAME_SAMPLES));
  console.log(`VAD  ${(((performance.now() - vadT0) * 1000) / (frames * ROUNDS)).toFixed(0)} µs per 20 ms frame`);

  const stt = new SphinxStt();
  const createT0 = performance.now();
  const s = await stt.createStream({ language: "en-US", phrases: ["What time do you open on Saturday?", "I'd like to leave a message"] });
  console.log(`STT  first stream (module, decoder, grammar): ${(performance.now() - createT0).toFixed(0)} ms`);
  const utterance = (await synthesize(tts, "What time do you open on Saturday?")).pcm;
  const uFrames = Math.floor(utterance.length / FRAME_SAMPLES);
  const feed: number[] = [];
  const fin: number[] = [];
  let text = "";
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let f = 0; f < uFrames; f++) s.write(utterance.subarray(f * FRAME_SAMPLES, (f + 1) * FRAME_SAMPLES));
    feed.push(((performance.now() - t0) * 1000) / uFrames);
    const t1 = performance.now();
    text = (await s.finalize()).text;
    fin.push(performance.now() - t1);
  }
  console.log(`STT  ${median(feed).toFixed(0)} µs per fed frame, finalize ${median(fin).toFixed(1)} ms (heard "${text}")`);
  s.close();
  await Promise.all([tts.close(), stt.close(), vad.close()]);
}

void main();
