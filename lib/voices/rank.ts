// Orders a TTS provider's voices for one agent: its own language first, then the same language spoken
// elsewhere (en-GB for an en-US agent), then the rest. Pure and client-safe: the agent editor's picker
// groups with it, and the service picks a new agent's default voice with it.
import type { Voice } from "../providers/speech/types";

export type VoiceGroup = { language: string; voices: Voice[] };

const base = (language: string) => language.split("-")[0]!.toLowerCase();

function closeness(voiceLanguage: string, agentLanguage: string): number {
  if (voiceLanguage.toLowerCase() === agentLanguage.toLowerCase()) return 0;
  return base(voiceLanguage) === base(agentLanguage) ? 1 : 2;
}

/** One group per voice language, closest to `agentLanguage` first; the provider's order inside a group. */
export function groupVoicesByLanguage(voices: readonly Voice[], agentLanguage: string): VoiceGroup[] {
  const groups = new Map<string, Voice[]>();
  for (const v of voices) {
    const list = groups.get(v.language);
    if (list) list.push(v);
    else groups.set(v.language, [v]);
  }
  return [...groups]
    .map(([language, list]) => ({ language, voices: list }))
    .sort((a, b) => closeness(a.language, agentLanguage) - closeness(b.language, agentLanguage) || a.language.localeCompare(b.language));
}

/** The voice a new agent speaks with when none was chosen: the provider's first in the agent's language. */
export function defaultVoiceFor(voices: readonly Voice[], agentLanguage: string): Voice | undefined {
  return groupVoicesByLanguage(voices, agentLanguage)[0]?.voices[0];
}

/**
 * The voice to use after the agent's language changes to `language`: the current one when it speaks
 * that language (en-GB for en-US is kept), else the language's first voice. A Spanish agent with an
 * English voice would read Spanish with English sounds.
 */
export function voiceAfterLanguageChange(voices: readonly Voice[], currentVoiceId: string, language: string): Voice | undefined {
  const current = voices.find((x) => x.id === currentVoiceId);
  if (current && base(current.language) === base(language)) return current;
  return defaultVoiceFor(voices, language);
}
