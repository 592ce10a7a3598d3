"use client";
import { LIMITS } from "@/lib/agents/options";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { servicesFromText } from "../agent-form-model";
import { FormSection } from "./form-section";
import type { SectionProps } from "./types";

export function BusinessDetailsSection({ draft, errors, update }: SectionProps) {
  const count = servicesFromText(draft.services).length;
  const { maxCount, maxLength } = LIMITS.services;
  return (
    <FormSection
      id="business-details"
      title="Business details"
      description="What the agent tells callers who ask where you are and what you do. On the embedded speech recogniser, the services are also words it listens for."
    >
      <Field
        id="agent-address"
        label="Address"
        optional
        error={errors.address}
        hint="As it should be read out, e.g. “1420 Maple Avenue, Suite 200, Springfield”. Add directions or parking on a second line."
      >
        <Textarea
          rows={2}
          value={draft.address}
          onChange={(e) => update("address", e.target.value)}
          maxLength={LIMITS.addressMax}
          autoComplete="street-address"
        />
      </Field>
      <Field
        id="agent-services"
        label="Services"
        optional
        error={errors.services}
        hint={`One per line, each up to ${maxLength} characters, e.g. “Teeth whitening”.`}
        aside={
          <span id="agent-services-count" className={cn("text-xs tabular-nums", count > maxCount ? "font-medium text-red-700" : "text-zinc-500")}>
            {count} / {maxCount}
          </span>
        }
      >
        <Textarea
          rows={5}
          value={draft.services}
          onChange={(e) => update("services", e.target.value, ["services"])}
          aria-describedby="agent-services-count"
          spellCheck
        />
      </Field>
    </FormSection>
  );
}
