"use client";
import { LANGUAGES, LIMITS, LLM_MODELS } from "@/lib/agents/options";
import { voiceAfterLanguageChange } from "@/lib/voices/rank";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { VoicePicker } from "../voice-picker";
import { useVoices } from "../voice-queries";
import { EngineFields } from "./engine-fields";
import { FormSection } from "./form-section";
import { TtsModelField } from "./tts-model-field";
import type { SectionProps } from "./types";

export function BasicsSection({ draft, errors, update }: SectionProps) {
  const temperature = Number(draft.temperature);
  const voices = useVoices().data;
  const changeLanguage = (language: string) => {
    update("language", language);
    const next = voices && voiceAfterLanguageChange(voices, draft.voiceId, language);
    if (next && next.id !== draft.voiceId) update("voiceId", next.id);
  };
  return (
    <FormSection id="basics" title="Basics" description="What the agent is called, how it sounds and which model thinks for it.">
      <Field id="agent-name" label="Name" error={errors.name} hint="Only you see this, e.g. “Main line” or “After hours”.">
        <Input
          value={draft.name}
          onChange={(e) => update("name", e.target.value)}
          maxLength={LIMITS.nameMax}
          autoComplete="off"
          required
        />
      </Field>

      <div className="flex items-start justify-between gap-4 rounded-lg border border-zinc-200 bg-zinc-50/60 px-4 py-3">
        <div>
          <label htmlFor="agent-enabled" className="text-sm font-medium text-zinc-800">
            Enabled
          </label>
          <p id="agent-enabled-hint" className="mt-0.5 text-sm text-zinc-500">
            {draft.enabled ? "Answers calls to its phone numbers." : "Does not answer calls; callers hear that the line is unavailable."}
          </p>
          {errors.enabled && (
            <p id="agent-enabled-error" role="alert" className="mt-1 text-sm text-red-700">
              {errors.enabled}
            </p>
          )}
        </div>
        <Switch
          id="agent-enabled"
          checked={draft.enabled}
          onChange={(v) => update("enabled", v)}
          aria-describedby={errors.enabled ? "agent-enabled-hint agent-enabled-error" : "agent-enabled-hint"}
        />
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="agent-language" label="Language" error={errors.language}>
          <Select value={draft.language} onChange={(e) => changeLanguage(e.target.value)}>
            {!LANGUAGES.some((l) => l.value === draft.language) && <option value={draft.language}>{draft.language}</option>}
            {LANGUAGES.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </Select>
        </Field>
        <VoicePicker
          value={draft.voiceId}
          language={draft.language}
          greeting={draft.greeting}
          ttsModel={draft.ttsModel}
          error={errors.voiceId}
          onChange={(voiceId) => update("voiceId", voiceId)}
        />
        <TtsModelField draft={draft} errors={errors} update={update} />
      </div>

      <EngineFields draft={draft} errors={errors} update={update} />

      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="agent-model" label="LLM model" error={errors.llmModel}>
          <Select value={draft.llmModel} onChange={(e) => update("llmModel", e.target.value)}>
            {!LLM_MODELS.some((m) => m.value === draft.llmModel) && <option value={draft.llmModel}>{draft.llmModel}</option>}
            {LLM_MODELS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="agent-temperature"
          label="Temperature"
          error={errors.temperature}
          hint="Lower is more predictable, higher is more varied."
        >
          <div className="flex items-center gap-3">
            <input
              type="range"
              aria-label="Temperature slider"
              aria-controls="agent-temperature"
              min={LIMITS.temperature.min}
              max={LIMITS.temperature.max}
              step={0.1}
              value={Number.isFinite(temperature) ? temperature : 0}
              onChange={(e) => update("temperature", e.target.value)}
              className="focus-ring h-2 min-w-0 flex-1 cursor-pointer accent-accent-600 disabled:cursor-not-allowed"
            />
            <Input
              type="number"
              inputMode="decimal"
              min={LIMITS.temperature.min}
              max={LIMITS.temperature.max}
              step={0.1}
              value={draft.temperature}
              onChange={(e) => update("temperature", e.target.value)}
              className="w-20 text-right tabular-nums"
            />
          </div>
        </Field>
      </div>
    </FormSection>
  );
}
