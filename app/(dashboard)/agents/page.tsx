import type { Metadata } from "next";
import Link from "next/link";
import { AgentList } from "@/components/agents/agent-list";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui/button-classes";
import { PlusIcon } from "@/components/ui/icons";
import { requirePageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const ctx = await requirePageContext();
  const canEdit = ctx.role === "ADMIN";
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
      <AgentList />
    </>
  );
}
