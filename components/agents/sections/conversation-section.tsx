"use client";
import { LIMITS } from "@/lib/agents/options";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { FormSection } from "./form-section";
import type { SectionProps } from "./types";

function CharCount({ id, length, max }: { id: string; length: number; max: number }) {
  return (
    <span id={id} className={cn("text-xs tabular-nums", length > max ? "font-medium text-red-700" : "text-zinc-500")}>
      {length.toLocaleString("en-US")} / {max.toLocaleString("en-US")}
    </span>
  );
}

export function ConversationSection({ draft, errors, update }: SectionProps) {
  return (
    <FormSection
      id="conversation"
      title="Conversation"
      description="The first thing callers hear, and the instructions the agent follows for the rest of the call."
    >
      <Field
        id="agent-greeting"
        label="Greeting"
        error={errors.greeting}
        aside={<CharCount id="agent-greeting-count" length={draft.greeting.length} max={LIMITS.greetingMax} />}
      >
        <Textarea
          rows={2}
          value={draft.greeting}
          onChange={(e) => update("greeting", e.target.value)}
          maxLength={LIMITS.greetingMax}
          required
        />
      </Field>
      <Field
        id="agent-system-prompt"
        label="System prompt"
        error={errors.systemPrompt}
        hint="Who the agent is, what it knows, what it may and may not do. Plain sentences work best."
        aside={<CharCount id="agent-system-prompt-count" length={draft.systemPrompt.length} max={LIMITS.systemPromptMax} />}
      >
        <Textarea
          rows={10}
          value={draft.systemPrompt}
          onChange={(e) => update("systemPrompt", e.target.value)}
          aria-describedby="agent-system-prompt-count"
          className="min-h-40 font-mono"
          required
        />
      </Field>
    </FormSection>
  );
}
