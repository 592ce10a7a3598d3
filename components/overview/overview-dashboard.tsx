"use client";
import { useAgents } from "@/components/agents/queries";
import { errorMessage } from "@/components/api-client";
import { usePhoneNumbers } from "@/components/phone-numbers/queries";
import type { PhoneNumber } from "@/components/phone-numbers/types";
import type { Agent } from "@/components/agents/types";
import { PageHeader } from "@/components/shell/page-header";
import { useCanEdit, useViewer } from "@/components/shell/viewer";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { AgentIcon, PhoneIcon } from "@/components/ui/icons";
import { GettingStarted, type Step } from "./getting-started";
import { StatCard } from "./stat-card";

/** `initialAgents`/`initialNumbers`: read by the page's server component, so the first paint has them. */
export function OverviewDashboard({ initialAgents, initialNumbers }: { initialAgents: Agent[]; initialNumbers: PhoneNumber[] }) {
  const viewer = useViewer();
  const canEdit = useCanEdit();
  const agents = useAgents(initialAgents);
  const numbers = usePhoneNumbers(initialNumbers);

  const firstName = viewer.userName.trim().split(/\s+/)[0] || viewer.userName;
  const agentList = agents.data;
  const numberList = numbers.data;
  const enabledAgents = agentList.filter((a) => a.enabled).length;
  const routedNumbers = numberList.filter((n) => n.agentId).length;
  const failed = agents.isError || numbers.isError;

  const steps: Step[] = [
    {
      title: "Create your first agent",
      description: "Describe how your receptionist greets callers and what it should do.",
      state: agentList.length > 0 ? "done" : "todo",
      href: canEdit ? "/agents/new" : "/agents",
      cta: canEdit ? "Create agent" : "View agents",
    },
    {
      title: "Attach a phone number",
      description: "Route a number to an agent so it answers the calls.",
      state: routedNumbers > 0 ? "done" : "todo",
      href: "/phone-numbers",
      cta: canEdit ? "Add a number" : "View numbers",
    },
    {
      title: "Upload knowledge",
      description: "PDFs, docs and web pages your agent answers from.",
      state: "soon",
    },
  ];

  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName}`}
        description={`Here is where ${viewer.tenantName}'s AI receptionist stands.`}
      />
      {failed && (
        <Alert
          className="mb-6"
          title="Could not load your workspace"
          action={
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                void agents.refetch();
                void numbers.refetch();
              }}
            >
              Retry
            </Button>
          }
        >
          {errorMessage(agents.error ?? numbers.error)}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <StatCard
          label="Agents"
          href="/agents"
          icon={<AgentIcon className="size-5" />}
          value={agentList.length}
          detail={agentList.length ? `${enabledAgents} enabled` : "None yet"}
        />
        <StatCard
          label="Phone numbers"
          href="/phone-numbers"
          icon={<PhoneIcon className="size-5" />}
          value={numberList.length}
          detail={numberList.length ? `${routedNumbers} routed to an agent` : "None yet"}
        />
      </div>
      {!failed && (
        <div className="mt-6">
          <GettingStarted steps={steps} />
        </div>
      )}
    </>
  );
}
