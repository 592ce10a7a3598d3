"use client";
// Re-route a number to another agent (or none) straight from the list.
import { errorMessage } from "@/components/api-client";
import type { Agent } from "@/components/agents/types";
import { Spinner } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useAssignPhoneNumber } from "./queries";
import type { PhoneNumber } from "./types";
import { AgentOptions } from "@/components/agents/agent-options";

export function AssignAgentSelect({ number, agents }: { number: PhoneNumber; agents: Pick<Agent, "id" | "name">[] }) {
  const toast = useToast();
  const assign = useAssignPhoneNumber();
  const value = assign.isPending ? (assign.variables.agentId ?? "") : (number.agentId ?? "");

  return (
    <div className="flex items-center gap-2">
      <Select
        aria-label={`Route ${number.e164} to`}
        value={value}
        disabled={assign.isPending}
        wrapperClassName="min-w-28 flex-1 sm:min-w-40"
        compact
        onChange={(e) => {
          const agentId = e.target.value || null;
          assign.mutate(
            { id: number.id, agentId },
            {
              onSuccess: (updated) =>
                toast({
                  title: "Routing updated",
                  description: updated.agent ? `${updated.e164} is now answered by “${updated.agent.name}”.` : `${updated.e164} is no longer routed to an agent.`,
                }),
              onError: (error) => toast({ tone: "error", title: "Could not change the agent", description: errorMessage(error) }),
            },
          );
        }}
      >
        <AgentOptions agents={agents} none="Not routed" />
      </Select>
      {assign.isPending && <Spinner className="size-4 text-zinc-400" />}
    </div>
  );
}
