// The caller's audio for each scripted turn, made before the call starts (synthesis mid-call would
// delay the caller the way no person is delayed): --say lines through the local synthesiser (the
// caller's voice is always local, whatever the agent uses, so a simulated call costs nothing), --wav
// files read, mixed down to the left channel and resampled to 8 kHz.
import { readFile } from "node:fs/promises";
import { resample } from "../../lib/audio/resample";
import { extractChannel, parseWav, WavError } from "../../lib/audio/wav";
import { collectPcm } from "../../lib/audio/pcm";
import { SAMPLE_RATE, type TtsProvider } from "../../lib/providers/speech/types";
import type { ScriptStep } from "./args";
import { SimError } from "./errors";
import type { PreparedStep } from "./script";

export async function synthesizeCallerSpeech(tts: Pick<TtsProvider, "synthesize">, text: string, voiceId: string): Promise<Int16Array> {
  let pcm: Int16Array;
  try {
    pcm = await collectPcm(tts.synthesize({ text, voiceId }));
  } catch (err) {
    throw new SimError("AUDIO_FAILED", `could not synthesise "${text}": ${(err as Error).message}`, { cause: err });
  }
  if (pcm.length === 0) throw new SimError("AUDIO_FAILED", `the synthesiser produced no audio for "${text}"`);
  return pcm;
}

/** A WAV file as 8 kHz mono (the first channel of a multi-channel file). */
export function wavToTelephonePcm(bytes: Uint8Array, file: string): Int16Array {
  try {
    const wav = parseWav(bytes);
    const mono = wav.channels === 1 ? wav.samples : extractChannel(wav.samples, wav.channels, 0);
    const pcm = wav.sampleRate === SAMPLE_RATE ? mono : resample(mono, wav.sampleRate, SAMPLE_RATE);
    if (pcm.length === 0) throw new SimError("AUDIO_FAILED", `${file} holds no audio`);
    return pcm;
  } catch (err) {
    if (err instanceof WavError) throw new SimError("AUDIO_FAILED", `${file}: ${err.message} (${err.reason})`, { cause: err });
    throw err;
  }
}

export async function prepareScript(steps: ScriptStep[], deps: { tts?: Pick<TtsProvider, "synthesize">; voiceId: string }): Promise<PreparedStep[]> {
  const prepared: PreparedStep[] = [];
  for (const step of steps) {
    if (step.kind === "dtmf") prepared.push({ step });
    else if (step.kind === "say") {
      if (!deps.tts) throw new SimError("AUDIO_FAILED", "no synthesiser to speak --say lines with");
      prepared.push({ step, pcm: await synthesizeCallerSpeech(deps.tts, step.text, deps.voiceId) });
    } else {
      let bytes: Buffer;
      try {
        bytes = await readFile(step.file);
      } catch (err) {
        throw new SimError("AUDIO_FAILED", `cannot read --wav ${step.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
      }
      prepared.push({ step, pcm: wavToTelephonePcm(bytes, step.file) });
    }
  }
  return prepared;
}
