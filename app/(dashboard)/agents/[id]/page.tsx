import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgentEditor } from "@/components/agents/agent-editor";
import { getAgentOrThrow } from "@/lib/agents/service";
import { toAgentJson } from "@/lib/agents/serialize";
import { isAppError } from "@/lib/errors";
import { requirePageContext } from "@/lib/tenant/page-context";
import { userScope } from "@/lib/tenant/scope";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext();
  let agent;
  try {
    // Scoped to the tenant: another tenant's agent is "not found", like a missing one.
    agent = await getAgentOrThrow(userScope(ctx), id);
  } catch (error) {
    if (isAppError(error, "NOT_FOUND")) notFound();
    throw error;
  }
  return <AgentEditor initialAgent={toAgentJson(agent)} />;
}
