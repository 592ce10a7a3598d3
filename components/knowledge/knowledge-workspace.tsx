"use client";
// The Knowledge page's sections: adding documents (admins), the documents and their processing, the
// FAQ, and the retrieval test. Members without write access see the same page without the controls.
import { useAgents } from "@/components/agents/queries";
import type { Agent } from "@/components/agents/types";
import { useCanEdit } from "@/components/shell/viewer";
import { Card } from "@/components/ui/card";
import type { Page } from "./api-response";
import { DocumentTable } from "./document-table";
import { FaqSection } from "./faq-section";
import { ImportUrlForm } from "./import-url-form";
import { TestRetrieval } from "./test-retrieval";
import type { FaqEntry, KnowledgeDocument } from "./types";
import { UploadPanel } from "./upload-panel";

/** What the page's server component read, so the first paint has the lists (none of them waits for hydration). */
type KnowledgeWorkspaceProps = {
  initialAgents: Agent[];
  initialDocuments: Page<KnowledgeDocument>;
  initialFaqs: FaqEntry[];
  /** KNOWLEDGE_MAX_UPLOAD_MB in bytes: larger files are refused before they are sent. */
  maxUploadBytes: number;
};

export function KnowledgeWorkspace({ initialAgents, initialDocuments, initialFaqs, maxUploadBytes }: KnowledgeWorkspaceProps) {
  const canEdit = useCanEdit();
  const agents = useAgents(initialAgents).data;

  return (
    <div className="space-y-6">
      {canEdit && (
        <div className="grid gap-6 xl:grid-cols-2">
          <Card id="upload" title="Upload documents" description="Price lists, policies, handbooks: your agents answer callers from them.">
            <UploadPanel agents={agents} maxUploadBytes={maxUploadBytes} />
          </Card>
          <Card id="import" title="Import a web page" description="The page is fetched once and indexed like a document.">
            <ImportUrlForm agents={agents} />
          </Card>
        </div>
      )}
      <section aria-labelledby="documents-title" className="space-y-3">
        <h2 id="documents-title" className="text-base font-semibold text-zinc-900">
          Documents
        </h2>
        <DocumentTable initialPage={initialDocuments} agents={agents} canEdit={canEdit} />
      </section>
      <Card id="faq" title="FAQ" description="Exact answers to the questions callers ask most; they come before documents when both match.">
        <FaqSection initialFaqs={initialFaqs} agents={agents} canEdit={canEdit} />
      </Card>
      <Card id="test-retrieval" title="Test retrieval" description="Ask what a caller would, and see the passages an agent would answer from.">
        <TestRetrieval agents={agents} />
      </Card>
    </div>
  );
}
