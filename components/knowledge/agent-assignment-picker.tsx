"use client";
// Which agents answer from a document: all of them (including agents created later), or the ones
// ticked. A radio pair and a checkbox list in one fieldset, so each control has its label.
import type { Agent } from "@/components/agents/types";
import { cn } from "@/components/ui/cn";
import type { AgentAssignment } from "./types";

type AgentOption = Pick<Agent, "id" | "name">;

/** A picker with "some agents" chosen but none ticked has nothing to save. */
export function isAssignmentComplete(value: AgentAssignment): boolean {
  return value.allAgents || value.agentIds.length > 0;
}

export function AgentAssignmentPicker({
  id,
  legend,
  agents,
  value,
  onChange,
  disabled,
  error,
}: {
  id: string;
  legend: string;
  agents: AgentOption[];
  value: AgentAssignment;
  onChange: (value: AgentAssignment) => void;
  disabled?: boolean;
  error?: string;
}) {
  const chosen = value.allAgents ? [] : value.agentIds;
  const toggle = (agentId: string, on: boolean) =>
    onChange({ allAgents: false, agentIds: on ? [...chosen, agentId] : chosen.filter((x) => x !== agentId) });
  const errorId = `${id}-error`;

  return (
    <fieldset id={id} disabled={disabled} aria-describedby={error ? errorId : undefined} className="min-w-0">
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">{legend}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-1.5 text-sm text-zinc-800">
        <label className="inline-flex items-center gap-2">
          <input type="radio" name={`${id}-mode`} checked={value.allAgents} onChange={() => onChange({ allAgents: true })} className="focus-ring size-4 accent-accent-600" />
          All agents
        </label>
        <label className={cn("inline-flex items-center gap-2", agents.length === 0 && "text-zinc-400")}>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={!value.allAgents}
            disabled={agents.length === 0}
            onChange={() => onChange({ allAgents: false, agentIds: chosen })}
            className="focus-ring size-4 accent-accent-600"
          />
          Only some agents
        </label>
      </div>
      {agents.length === 0 && <p className="mt-1.5 text-sm text-zinc-500">No agents yet: every agent you create will answer from it.</p>}
      {!value.allAgents && (
        <ul aria-label="Agents" className="mt-2 grid gap-1.5 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 sm:grid-cols-2">
          {agents.map((agent) => (
            <li key={agent.id}>
              <label className="flex min-w-0 items-center gap-2 text-sm text-zinc-800">
                <input
                  type="checkbox"
                  checked={chosen.includes(agent.id)}
                  onChange={(e) => toggle(agent.id, e.target.checked)}
                  className="focus-ring size-4 shrink-0 rounded accent-accent-600"
                />
                <span className="truncate">{agent.name}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={errorId} role="alert" className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "All agents", "Ava", "Ava, Sam +2": the table's Agents column. */
export function assignmentSummary(doc: { allAgents: boolean; agentIds: string[] }, agents: AgentOption[]): string {
  if (doc.allAgents) return "All agents";
  const names = doc.agentIds.map((id) => agents.find((a) => a.id === id)?.name).filter((n): n is string => Boolean(n));
  if (names.length === 0) return "No agents";
  return names.length <= 2 ? names.join(", ") : `${names.slice(0, 2).join(", ")} +${names.length - 2}`;
}
