import type { Metadata } from "next";
import Link from "next/link";
import { AgentList } from "@/components/agents/agent-list";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui/button-classes";
import { PlusIcon } from "@/components/ui/icons";
import { listAgents } from "@/lib/agents/service";
import { toAgentJson } from "@/lib/agents/serialize";
import { requirePageContext } from "@/lib/tenant/page-context";
import { userScope } from "@/lib/tenant/scope";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const ctx = await requirePageContext();
  const canEdit = ctx.role === "ADMIN";
  // Read here, so the page arrives with the list (or the empty state), not placeholders that wait for
  // hydration and then a request of their own.
  const agents = await listAgents(userScope(ctx));
  return (
    <>
      <PageHeader
        title="Agents"
        description={
          canEdit
            ? "Each agent is an AI receptionist with its own greeting, instructions, hours and tools."
            : "Each agent is an AI receptionist with its own greeting, instructions, hours and tools. You have view-only access."
        }
        actions={
          canEdit && (
            <Link href="/agents/new" className={buttonClasses()}>
              <PlusIcon className="size-4" />
              New agent
            </Link>
          )
        }
      />
      <AgentList initialAgents={agents.map(toAgentJson)} limits={{ maxAgents: ctx.maxAgents, plan: ctx.tenantPlan }} />
    </>
  );
}
