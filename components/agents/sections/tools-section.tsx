"use client";
import { AGENT_TOOLS } from "@/lib/agents/options";
import { FieldError } from "@/components/ui/field";
import type { AgentToolValue } from "../types";
import { FormSection } from "./form-section";
import type { SectionProps } from "./types";

export function ToolsSection({ draft, errors, update }: SectionProps) {
  const toggle = (tool: AgentToolValue, on: boolean) =>
    update("tools", on ? [...draft.tools, tool] : draft.tools.filter((t) => t !== tool), ["tools", "transferPhoneNumber"]);
  return (
    <FormSection id="tools" title="Tools" description="What the agent may do during a call besides talking.">
      <fieldset aria-describedby={errors.tools ? "agent-tools-error" : undefined}>
        <legend className="sr-only">Tools the agent may use</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {AGENT_TOOLS.map((tool) => {
            const id = `agent-tool-${tool.value.toLowerCase().replaceAll("_", "-")}`;
            const checked = draft.tools.includes(tool.value);
            return (
              <label
                key={tool.value}
                htmlFor={id}
                className="flex cursor-pointer gap-3 rounded-lg border border-zinc-200 p-4 transition-colors hover:bg-zinc-50 has-checked:border-accent-300 has-checked:bg-accent-50/50 has-disabled:cursor-not-allowed has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent-500"
              >
                <input
                  id={id}
                  type="checkbox"
                  checked={checked}
                  onChange={(e) => toggle(tool.value, e.target.checked)}
                  aria-labelledby={`${id}-label`}
                  aria-describedby={`${id}-description`}
                  className="mt-0.5 size-4 shrink-0 cursor-pointer rounded border-zinc-300 accent-accent-600 focus:outline-none disabled:cursor-not-allowed"
                />
                <span className="min-w-0">
                  <span id={`${id}-label`} className="block text-sm font-medium text-zinc-900">
                    {tool.label}
                  </span>
                  <span id={`${id}-description`} className="mt-0.5 block text-sm text-zinc-500">
                    {tool.description}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        {errors.tools && <FieldError id="agent-tools-error">{errors.tools}</FieldError>}
      </fieldset>
    </FormSection>
  );
}
