"use client";
import Link from "next/link";
import { errorMessage } from "@/components/api-client";
import { languageLabel, modelLabel } from "@/components/format";
import { PlanUsage } from "@/components/shell/plan-usage";
import { useCanEdit, type Plan } from "@/components/shell/viewer";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClasses } from "@/components/ui/button-classes";
import { EmptyState } from "@/components/ui/empty-state";
import { AgentIcon, PlusIcon } from "@/components/ui/icons";
import { Table, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { AgentActions } from "./agent-actions";
import { AgentStatusBadge } from "./agent-status-badge";
import { useAgents } from "./queries";
import type { Agent } from "./types";

export function AgentList({ initialAgents, limits }: { initialAgents: Agent[]; limits?: { maxAgents: number; plan: Plan } }) {
  const canEdit = useCanEdit();
  const { data: agents, isError, error, refetch } = useAgents(initialAgents);

  if (isError) {
    return (
      <Alert
        title="Could not load agents"
        action={
          <Button size="sm" variant="secondary" onClick={() => void refetch()}>
            Retry
          </Button>
        }
      >
        {errorMessage(error)}
      </Alert>
    );
  }

  if (agents.length === 0) {
    return (
      <EmptyState
        icon={<AgentIcon className="size-6" />}
        title="No agents yet"
        description={
          canEdit
            ? "An agent is your AI receptionist: it greets callers, answers questions, takes messages and transfers calls. Create one to get started."
            : "An agent is your AI receptionist. Ask an admin of this workspace to create one."
        }
        action={
          canEdit && (
            <Link href="/agents/new" className={buttonClasses()}>
              <PlusIcon className="size-4" />
              Create your first agent
            </Link>
          )
        }
      />
    );
  }

  // The name column takes whatever width is left and truncates (max-w-0 + w-full), the others keep
  // their content's width, and the button labels appear only where there is room for them: the table
  // never grows wider than its card (at 1280 px it did, and Delete was cut off).
  return (
    <div className="space-y-3">
      <Table
        caption="Agents in this workspace"
        head={
          <>
            <Th edge>Name</Th>
            <Th>Status</Th>
            <Th hideBelow="lg">Numbers</Th>
            <Th hideBelow="sm">Updated</Th>
            {canEdit && (
              <Th edge align="right">
                <span className="sr-only">Actions</span>
              </Th>
            )}
          </>
        }
      >
        {agents.map((agent) => (
          <tr key={agent.id} className="group hover:bg-zinc-50/60">
            <td className="w-full max-w-0 px-3 py-3.5 sm:px-5">
              <Link
                href={`/agents/${agent.id}`}
                title={agent.name}
                className="focus-ring block truncate rounded font-medium text-zinc-900 hover:text-accent-700"
              >
                {agent.name}
              </Link>
              <p className="mt-0.5 truncate text-xs text-zinc-500">
                {languageLabel(agent.language)} · {modelLabel(agent.llmModel)}
              </p>
            </td>
            <td className="px-3 py-3.5 sm:px-4">
              <AgentStatusBadge enabled={agent.enabled} />
            </td>
            <td className="hidden px-4 py-3.5 text-zinc-600 lg:table-cell">
              {agent.phoneNumbers.length === 0 ? (
                <span className="text-zinc-400">None</span>
              ) : (
                <ul className="space-y-0.5 font-mono text-xs whitespace-nowrap">
                  {agent.phoneNumbers.map((n) => (
                    <li key={n.id}>{n.e164}</li>
                  ))}
                </ul>
              )}
            </td>
            <td className="hidden px-4 py-3.5 whitespace-nowrap text-zinc-500 sm:table-cell">
              <TimeText iso={agent.updatedAt} format="relative" />
            </td>
            {canEdit && (
              <td className="px-3 py-3 sm:px-5">
                <AgentActions agent={agent} compact />
              </td>
            )}
          </tr>
        ))}
      </Table>
      {limits && canEdit && <PlanUsage used={agents.length} max={limits.maxAgents} noun={{ singular: "agent" }} plan={limits.plan} />}
    </div>
  );
}
