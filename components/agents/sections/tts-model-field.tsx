"use client";
// The agent's ElevenLabs model, offered only when the configured text-to-speech is ElevenLabs: the voice
// list says which provider speaks (each voice names it), as the voice picker shows it. Each model shows
// its price from the one price table; "Server default" stores null (ELEVENLABS_MODEL, else Flash v2.5).
import { TTS_MODELS } from "@/lib/agents/options";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { SectionProps } from "./types";
import { useVoices } from "../voice-queries";

/** Voice.provider of ElevenLabs' voices (lib/providers/elevenlabs/voices.ts: vendor code stays server-side). */
const ELEVENLABS = "elevenlabs";

const perThousandChars = (micros: number) => `$${(micros / 1_000_000).toFixed(2)} / 1K characters`;

export function TtsModelField({ draft, errors, update }: Pick<SectionProps, "draft" | "errors" | "update">) {
  const voices = useVoices().data;
  if (!voices?.some((v) => v.provider === ELEVENLABS)) return null;
  const listed = draft.ttsModel === "" || TTS_MODELS.some((m) => m.value === draft.ttsModel);
  return (
    <Field id="agent-tts-model" label="TTS model" error={errors.ttsModel} hint="The ElevenLabs model that speaks in the voice above: faster models answer sooner.">
      <Select value={draft.ttsModel} onChange={(e) => update("ttsModel", e.target.value)}>
        <option value="">Server default</option>
        {!listed && <option value={draft.ttsModel}>{draft.ttsModel}</option>}
        {TTS_MODELS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label} · {perThousandChars(m.microsPerThousandChars)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
