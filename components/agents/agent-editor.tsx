"use client";
// The agent page: header with status and actions, its phone numbers, a test call/chat, and the settings form.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { useCanEdit } from "@/components/shell/viewer";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { AgentActions } from "./agent-actions";
import { AgentForm } from "./agent-form";
import { AgentPhoneNumbers } from "./agent-phone-numbers";
import { AgentStatusBadge } from "./agent-status-badge";
import { AgentTestPanel } from "./test-call/test-panel";
import { useAgent } from "./queries";
import type { Agent } from "./types";

export function AgentEditor({ initialAgent }: { initialAgent: Agent }) {
  const router = useRouter();
  const canEdit = useCanEdit();
  const { data: agent } = useAgent(initialAgent.id, initialAgent);

  return (
    <>
      <Link
        href="/agents"
        className="focus-ring mb-4 inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-zinc-500 hover:text-zinc-800"
      >
        <ArrowLeftIcon className="size-4" />
        All agents
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="break-all">{agent.name}</span>
            <AgentStatusBadge enabled={agent.enabled} />
          </span>
        }
        description="How this agent greets callers, what it knows and what it may do."
        actions={
          canEdit && (
            <AgentActions
              agent={agent}
              size="md"
              openCopy
              afterDelete={() => {
                router.push("/agents");
              }}
            />
          )
        }
      />
      <AgentPhoneNumbers numbers={agent.phoneNumbers} canEdit={canEdit} />
      <AgentTestPanel agentId={agent.id} enabled={agent.enabled} />
      <AgentForm mode="edit" agent={agent} readOnly={!canEdit} />
    </>
  );
}
