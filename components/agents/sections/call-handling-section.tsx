"use client";
import { LIMITS } from "@/lib/agents/options";
import { Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FormSection } from "./form-section";
import type { SectionProps } from "./types";

export function CallHandlingSection({ draft, errors, update }: SectionProps) {
  const durationError = errors.maxCallDurationSec;
  const transferNeeded = draft.tools.includes("TRANSFER_CALL") || draft.afterHoursAction === "TRANSFER";
  return (
    <FormSection id="call-handling" title="Call handling" description="Limits that keep calls short and where to send a caller who needs a person.">
      <fieldset aria-describedby={durationError ? "agent-duration-hint agent-duration-error" : "agent-duration-hint"}>
        <legend className="mb-1.5 text-sm font-medium text-zinc-800">Maximum call duration</legend>
        <div className="flex flex-wrap items-center gap-3">
          <div className="flex items-center gap-2">
            <Input
              id="agent-duration-minutes"
              type="number"
              inputMode="numeric"
              min={0}
              max={LIMITS.maxCallDurationSec.max / 60}
              step={1}
              value={draft.maxCallMinutes}
              onChange={(e) => update("maxCallMinutes", e.target.value, ["maxCallDurationSec"])}
              aria-invalid={Boolean(durationError) || undefined}
              aria-describedby={durationError ? "agent-duration-error" : undefined}
              className="w-20 text-right tabular-nums"
            />
            <label htmlFor="agent-duration-minutes" className="text-sm text-zinc-600">
              Minutes
            </label>
          </div>
          <div className="flex items-center gap-2">
            <Input
              id="agent-duration-seconds"
              type="number"
              inputMode="numeric"
              min={0}
              max={59}
              step={1}
              value={draft.maxCallSeconds}
              onChange={(e) => update("maxCallSeconds", e.target.value, ["maxCallDurationSec"])}
              aria-invalid={Boolean(durationError) || undefined}
              aria-describedby={durationError ? "agent-duration-error" : undefined}
              className="w-20 text-right tabular-nums"
            />
            <label htmlFor="agent-duration-seconds" className="text-sm text-zinc-600">
              Seconds
            </label>
          </div>
        </div>
        <p id="agent-duration-hint" className="mt-1.5 text-sm text-zinc-500">
          The agent wraps up politely when the limit is reached. Between {LIMITS.maxCallDurationSec.min / 60} and{" "}
          {LIMITS.maxCallDurationSec.max / 60} minutes.
        </p>
        {durationError && <FieldError id="agent-duration-error">{durationError}</FieldError>}
      </fieldset>

      <Field
        id="agent-silence-timeout"
        label="Silence timeout (seconds)"
        error={errors.silenceTimeoutSec}
        hint={`How long the caller may stay silent before the agent checks in and then ends the call (${LIMITS.silenceTimeoutSec.min}–${LIMITS.silenceTimeoutSec.max}).`}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={LIMITS.silenceTimeoutSec.min}
          max={LIMITS.silenceTimeoutSec.max}
          step={1}
          value={draft.silenceTimeoutSec}
          onChange={(e) => update("silenceTimeoutSec", e.target.value)}
          className="w-28 text-right tabular-nums"
        />
      </Field>

      <Field
        id="agent-transfer-number"
        label="Transfer phone number"
        optional={!transferNeeded}
        error={errors.transferPhoneNumber}
        hint={
          transferNeeded
            ? "Required: calls are transferred here. E.164 format, e.g. +15550100001."
            : "Where calls go when the caller asks for a person. E.164 format, e.g. +15550100001."
        }
      >
        <Input
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="+15550100001"
          value={draft.transferPhoneNumber}
          onChange={(e) => update("transferPhoneNumber", e.target.value)}
          className="sm:max-w-xs"
        />
      </Field>
    </FormSection>
  );
}
