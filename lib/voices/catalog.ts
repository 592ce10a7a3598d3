// The voices of the configured text-to-speech (TTS_PROVIDER, see lib/providers/speech/index.ts):
// what the agent editor offers, what an agent may store as its voiceId, and what the preview speaks.
import { AppError } from "../errors";
import { getSpeechProviders } from "../providers/speech/index";
import type { TtsProvider, Voice } from "../providers/speech/types";
import { defaultVoiceFor } from "./rank";

export function getTts(): TtsProvider {
  return getSpeechProviders().tts;
}

export async function listVoices(): Promise<Voice[]> {
  return getTts().voices();
}

/** For routes that name a voice in the URL: an id the provider does not offer is 404 VOICE_NOT_FOUND. */
export async function getVoiceOrThrow(id: string): Promise<Voice> {
  const voice = (await listVoices()).find((v) => v.id === id);
  if (!voice) throw new AppError("VOICE_NOT_FOUND", `Voice “${id}” is not offered by the configured text-to-speech`);
  return voice;
}

/** A voiceId sent for an agent must be one the provider offers: 422 on voiceId, shown next to the picker. */
export async function assertVoiceOffered(voiceId: string, voices?: readonly Voice[]): Promise<void> {
  if ((voices ?? (await listVoices())).some((v) => v.id === voiceId)) return;
  throw new AppError(
    "VALIDATION_FAILED",
    `voiceId: “${voiceId}” is not a voice of the configured text-to-speech (${getTts().name}); choose one listed by GET /api/v1/voices`,
    { field: "voiceId" },
  );
}

/**
 * The voiceId a new agent is saved with: the chosen one once checked, or the provider's first voice for
 * the agent's language. (A stored voice the provider no longer offers stays until someone changes it:
 * updates check only a voiceId they send.)
 */
export async function resolveAgentVoiceId(voiceId: string | undefined, language: string): Promise<string | undefined> {
  const voices = await listVoices();
  if (voiceId === undefined) return defaultVoiceFor(voices, language)?.id;
  await assertVoiceOffered(voiceId, voices);
  return voiceId;
}
