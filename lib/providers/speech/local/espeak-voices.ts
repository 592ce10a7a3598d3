// The voices the local synthesiser offers: espeak-ng voices, some with a variant (+f3 …) for a
// different timbre. Ids are stable (agents store them): add new ones, never renumber. The first voice
// of a language is its default; "local-en-us-1" is the schema's Agent.voiceId default.
import type { Voice } from "../types";

export const ESPEAK_PROVIDER = "local";

export interface EspeakVoice extends Voice {
  /** What espeak-ng's set_voice takes: a language voice, optionally "+variant". */
  espeak: string;
}

function voice(id: string, name: string, language: string, gender: Voice["gender"], espeak: string): EspeakVoice {
  return { id, name, language, gender, provider: ESPEAK_PROVIDER, espeak };
}

export const ESPEAK_VOICES: readonly EspeakVoice[] = [
  voice("local-en-us-1", "Alex (English, US)", "en-US", "male", "en-us"),
  voice("local-en-us-2", "Sam (English, US)", "en-US", "female", "en-us+f3"),
  voice("local-en-us-3", "Jordan (English, US)", "en-US", "male", "en-us+m3"),
  voice("local-en-gb-1", "Oliver (English, UK)", "en-GB", "male", "en"),
  voice("local-en-gb-2", "Amelia (English, UK)", "en-GB", "female", "en+f4"),
  voice("local-es-es-1", "Pablo (Spanish, Spain)", "es-ES", "male", "es"),
  voice("local-es-es-2", "Lucía (Spanish, Spain)", "es-ES", "female", "es+f3"),
  voice("local-es-us-1", "Mateo (Spanish, Latin America)", "es-US", "male", "es-419"),
  voice("local-es-us-2", "Sofía (Spanish, Latin America)", "es-US", "female", "es-419+f2"),
  voice("local-fr-fr-1", "Louis (French)", "fr-FR", "male", "fr"),
  voice("local-fr-fr-2", "Camille (French)", "fr-FR", "female", "fr+f3"),
  voice("local-de-de-1", "Felix (German)", "de-DE", "male", "de"),
  voice("local-de-de-2", "Hanna (German)", "de-DE", "female", "de+f2"),
  voice("local-it-it-1", "Marco (Italian)", "it-IT", "male", "it"),
  voice("local-it-it-2", "Giulia (Italian)", "it-IT", "female", "it+f3"),
  voice("local-pt-br-1", "Rafael (Portuguese, Brazil)", "pt-BR", "male", "pt-br"),
  voice("local-pt-br-2", "Ana (Portuguese, Brazil)", "pt-BR", "female", "pt-br+f3"),
  voice("local-nl-nl-1", "Daan (Dutch)", "nl-NL", "male", "nl"),
];

export const DEFAULT_ESPEAK_VOICE = ESPEAK_VOICES[0]!;

const byId = new Map(ESPEAK_VOICES.map((v) => [v.id, v]));

/** The voice for an id; unknown ids get the default (the TtsProvider contract). */
export function resolveEspeakVoice(id: string): EspeakVoice {
  return byId.get(id) ?? DEFAULT_ESPEAK_VOICE;
}
