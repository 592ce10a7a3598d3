"use client";
// The agent's voice: a select of the configured text-to-speech's voices, grouped by language with the
// agent's language first, and "Play greeting" to hear the greeting as typed (saved or not) in that voice,
// spoken by the TTS model chosen in the form (saved or not), as the agent's calls will be.
import { LANGUAGES } from "@/lib/agents/options";
import { groupVoicesByLanguage } from "@/lib/voices/rank";
import { previewTextFor } from "@/lib/voices/preview-text";
import type { Voice } from "@/lib/providers/speech/types";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PlayIcon, Spinner } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { useVoicePreview } from "./use-voice-preview";
import { useVoices } from "./voice-queries";

const StopIcon = () => (
  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="size-4" fill="currentColor">
    <rect x="6" y="6" width="12" height="12" rx="1.5" />
  </svg>
);

const languageLabel = (code: string) => LANGUAGES.find((l) => l.value === code)?.label ?? code;

function voiceLabel(v: Voice): string {
  return v.gender && v.gender !== "neutral" ? `${v.name} · ${v.gender}` : v.name;
}

type VoicePickerProps = {
  value: string;
  language: string;
  greeting: string;
  /** The agent's TTS model as selected in the form; "" = the server's default. */
  ttsModel: string;
  error?: string;
  onChange: (voiceId: string) => void;
};

export function VoicePicker({ value, language, greeting, ttsModel, error, onChange }: VoicePickerProps) {
  const voices = useVoices();
  const { audioRef, status, error: previewError, toggle, stop } = useVoicePreview();
  const list = voices.data ?? [];
  const groups = groupVoicesByLanguage(list, language);
  // A voice the provider no longer offers (or the list still on its way) still shows as the value.
  const known = list.some((v) => v.id === value);

  const hint = voices.isPending
    ? "Loading voices…"
    : voices.isError
      ? "The voices could not be loaded; the current voice is kept."
      : known || !value
        ? "Voices in the agent's language come first. Play hears the greeting as typed."
        : "This voice is no longer offered; choose another.";

  const playing = status !== "idle";
  return (
    <Field id="agent-voice" label="Voice" error={error} hint={hint}>
      <div className="flex items-center gap-2">
        <Select
          value={value}
          onChange={(e) => {
            stop();
            onChange(e.target.value);
          }}
          disabled={voices.isPending}
          aria-busy={voices.isPending || undefined}
          wrapperClassName="min-w-0 flex-1"
        >
          {!known && <option value={value}>{voices.isPending ? value : `${value} (not available)`}</option>}
          {groups.map((g) => (
            <optgroup key={g.language} label={languageLabel(g.language)}>
              {g.voices.map((v) => (
                <option key={v.id} value={v.id}>
                  {voiceLabel(v)}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
        <Button
          variant="secondary"
          // Not `loading`: that would swallow the second click, which must stop a preview still on its way.
          icon={status === "loading" ? <Spinner /> : status === "playing" ? <StopIcon /> : <PlayIcon />}
          aria-busy={status === "loading" || undefined}
          onClick={() => toggle(value, previewTextFor(greeting), ttsModel || undefined)}
          disabled={!known}
          aria-label={playing ? "Stop greeting" : "Play greeting"}
          title={playing ? "Stop" : "Play the greeting in this voice"}
        >
          <span className="hidden sm:inline">{playing ? "Stop" : "Play greeting"}</span>
        </Button>
      </div>
      {previewError && (
        <p id="agent-voice-preview-error" role="alert" className="mt-1.5 text-sm text-red-700">
          {previewError}
        </p>
      )}
      <audio ref={audioRef} onEnded={stop} data-testid="voice-preview-audio" className="hidden" />
    </Field>
  );
}
