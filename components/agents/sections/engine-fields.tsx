"use client";
// The conversation engine of an agent: our cascade, or OpenAI's Realtime speech-to-speech model with
// its own voice (the Realtime voice shows only when that engine is chosen). Realtime needs the voice
// server's OPENAI_API_KEY; without it calls run on the cascade, which the hint says.
import { CONVERSATION_ENGINES, REALTIME_VOICES } from "@/lib/agents/options";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { SectionProps } from "./types";

const capitalize = (v: string) => v.charAt(0).toUpperCase() + v.slice(1);

export function EngineFields({ draft, errors, update }: Pick<SectionProps, "draft" | "errors" | "update">) {
  const realtime = draft.conversationEngine === "REALTIME";
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <Field
        id="agent-engine"
        label="Conversation engine"
        error={errors.conversationEngine}
        hint="OpenAI Realtime hears and speaks itself (lowest latency) and needs OPENAI_API_KEY on the voice server; without it, calls use the cascade."
      >
        <Select value={draft.conversationEngine} onChange={(e) => update("conversationEngine", e.target.value as typeof draft.conversationEngine)}>
          {CONVERSATION_ENGINES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      {realtime && (
        <Field id="agent-realtime-voice" label="Realtime voice" error={errors.realtimeVoice} hint="The Realtime model's own voice (the voice above is for the cascade).">
          <Select value={draft.realtimeVoice} onChange={(e) => update("realtimeVoice", e.target.value)}>
            {!(REALTIME_VOICES as readonly string[]).includes(draft.realtimeVoice) && <option value={draft.realtimeVoice}>{draft.realtimeVoice}</option>}
            {REALTIME_VOICES.map((v) => (
              <option key={v} value={v}>
                {capitalize(v)}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </div>
  );
}
