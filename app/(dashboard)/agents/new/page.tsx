import type { Metadata } from "next";
import Link from "next/link";
import { AgentForm } from "@/components/agents/agent-form";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui/button-classes";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftIcon, LockIcon } from "@/components/ui/icons";
import { requirePageContext } from "@/lib/tenant/page-context";

export const metadata: Metadata = { title: "New agent" };

export default async function NewAgentPage() {
  const ctx = await requirePageContext();
  const back = (
    <Link
      href="/agents"
      className="focus-ring mb-4 inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-zinc-500 hover:text-zinc-800"
    >
      <ArrowLeftIcon className="size-4" />
      All agents
    </Link>
  );

  if (ctx.role !== "ADMIN") {
    return (
      <>
        {back}
        <PageHeader title="New agent" />
        <EmptyState
          icon={<LockIcon className="size-6" />}
          title="Only admins can create agents"
          description="Ask an admin of this workspace to create the agent, or to make you an admin."
          action={
            <Link href="/agents" className={buttonClasses({ variant: "secondary" })}>
              Back to agents
            </Link>
          }
        />
      </>
    );
  }

  return (
    <>
      {back}
      <PageHeader
        title="New agent"
        description="Set up how your AI receptionist answers. You can change everything later; nothing answers calls until a phone number is routed to it."
      />
      <AgentForm mode="create" businessName={ctx.tenantName} />
    </>
  );
}
