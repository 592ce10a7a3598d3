import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DocumentPreview } from "@/components/knowledge/document-preview";
import { listAgents } from "@/lib/agents/service";
import { toAgentJson } from "@/lib/agents/serialize";
import { isAppError } from "@/lib/errors";
import { toDocumentJson } from "@/lib/knowledge/serialize";
import { getDocumentOrThrow } from "@/lib/knowledge/service";
import { requirePageContext } from "@/lib/tenant/page-context";
import { userScope } from "@/lib/tenant/scope";

export const metadata: Metadata = { title: "Document" };

export default async function KnowledgeDocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext();
  const scope = userScope(ctx);
  let doc;
  try {
    // Scoped to the tenant: another tenant's document is "not found", like a missing one.
    doc = await getDocumentOrThrow(scope, id);
  } catch (error) {
    if (isAppError(error, "NOT_FOUND")) notFound();
    throw error;
  }
  const agents = await listAgents(scope);
  return <DocumentPreview initialDocument={toDocumentJson(doc)} initialAgents={agents.map(toAgentJson)} />;
}
