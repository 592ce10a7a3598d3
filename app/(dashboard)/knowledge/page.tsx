import type { Metadata } from "next";
import { DOCUMENTS_PAGE_SIZE } from "@/components/knowledge/api-response";
import { KnowledgeWorkspace } from "@/components/knowledge/knowledge-workspace";
import { PageHeader } from "@/components/shell/page-header";
import { listAgents } from "@/lib/agents/service";
import { toAgentJson } from "@/lib/agents/serialize";
import { getEnv } from "@/lib/env";
import { listFaqs } from "@/lib/knowledge/faq-service";
import { toDocumentJson, toFaqJson } from "@/lib/knowledge/serialize";
import { listDocuments } from "@/lib/knowledge/service";
import { requirePageContext } from "@/lib/tenant/page-context";
import { userScope } from "@/lib/tenant/scope";

export const metadata: Metadata = { title: "Knowledge" };

export default async function KnowledgePage() {
  const ctx = await requirePageContext();
  // Read here, so the page arrives with its lists; the client then polls the documents while any is
  // still being processed.
  const scope = userScope(ctx);
  const [agents, documents, faqs] = await Promise.all([listAgents(scope), listDocuments(scope, { limit: DOCUMENTS_PAGE_SIZE }), listFaqs(scope)]);
  return (
    <>
      <PageHeader
        title="Knowledge"
        description={
          ctx.role === "ADMIN"
            ? "What your agents know about your business, and answer callers from."
            : "What your agents know about your business, and answer callers from. You have view-only access."
        }
      />
      <KnowledgeWorkspace
        initialAgents={agents.map(toAgentJson)}
        initialDocuments={{ data: documents.documents.map(toDocumentJson), next_cursor: documents.nextCursor }}
        initialFaqs={faqs.map(toFaqJson)}
        maxUploadBytes={getEnv().KNOWLEDGE_MAX_UPLOAD_MB * 1024 * 1024}
      />
    </>
  );
}
