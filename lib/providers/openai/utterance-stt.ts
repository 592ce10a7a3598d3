// Per-utterance transcription over HTTP (`POST /v1/audio/transcriptions` through the openai SDK): the
// fallback when the realtime socket cannot be opened or reopened, or its transcript does not come in
// time. The utterance goes up as a 16-bit PCM WAV of the same 8 kHz audio the socket would have had.
import { toFile } from "openai";
import { decodeMulaw } from "../../audio/mulaw";
import { encodeWav } from "../../audio/wav";
import { SAMPLE_RATE } from "../speech/types";
import { createOpenAiClient } from "./client";
import type { TranscriptionSessionConfig } from "./realtime-socket";

export interface UtteranceTranscriber {
  transcribe(mulaw: Uint8Array, session: TranscriptionSessionConfig): Promise<string>;
}

export function createUtteranceTranscriber(opts: { apiKey: string; baseURL: string; timeoutMs?: number }): UtteranceTranscriber {
  // One retry: the caller is waiting for an answer, a second slow attempt would be worse than an apology.
  const client = createOpenAiClient({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: 1, timeoutMs: opts.timeoutMs ?? 10_000 });
  return {
    async transcribe(mulaw, session) {
      const wav = encodeWav(decodeMulaw(mulaw), SAMPLE_RATE);
      const result = await client.audio.transcriptions.create({
        file: await toFile(wav, "utterance.wav", { type: "audio/wav" }),
        model: session.model,
        ...(session.language ? { language: session.language } : {}),
        ...(session.prompt ? { prompt: session.prompt } : {}),
      });
      return result.text;
    },
  };
}
