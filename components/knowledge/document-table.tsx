"use client";
// The tenant's documents: what each is, who answers from it, and where its processing is. The list
// polls while anything is in flight (queries.ts), so stages move without a reload.
import Link from "next/link";
import { useState } from "react";
import type { Agent } from "@/components/agents/types";
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { BookIcon, TrashIcon } from "@/components/ui/icons";
import { Table, Th } from "@/components/ui/table";
import { assignmentSummary } from "./agent-assignment-picker";
import type { Page } from "./api-response";
import { DeleteDocumentDialog } from "./delete-document-dialog";
import { DocumentStatusCell } from "./document-status";
import { EditDocumentDialog } from "./edit-document-dialog";
import { documentTypeLabel, formatBytes } from "./knowledge-format";
import { flattenDocuments, useDocuments } from "./queries";
import type { KnowledgeDocument } from "./types";
import { useStatusAnnouncer } from "./use-status-announcer";

type DocumentTableProps = { initialPage: Page<KnowledgeDocument>; agents: Pick<Agent, "id" | "name">[]; canEdit: boolean };

export function DocumentTable({ initialPage, agents, canEdit }: DocumentTableProps) {
  const documents = useDocuments(initialPage);
  const docs = flattenDocuments(documents.data);
  const announcement = useStatusAnnouncer(docs);
  const [editing, setEditing] = useState<KnowledgeDocument | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeDocument | null>(null);

  let body;
  if (documents.isError && docs.length === 0) {
    body = (
      <Alert
        title="Could not load documents"
        action={
          <Button size="sm" variant="secondary" onClick={() => void documents.refetch()}>
            Retry
          </Button>
        }
      >
        {errorMessage(documents.error)}
      </Alert>
    );
  } else if (docs.length === 0) {
    body = (
      <EmptyState
        icon={<BookIcon className="size-6" />}
        title="No documents yet"
        description={
          canEdit
            ? "Upload price lists, policies or handbooks above, or import a page of your website: your agents answer callers from them."
            : "An admin of this workspace can upload documents for the agents to answer from."
        }
      />
    );
  } else {
    body = (
      <Table
        caption="Knowledge documents"
        head={
          <>
            <Th edge>Document</Th>
            <Th hideBelow="md">Type</Th>
            <Th hideBelow="lg">Size</Th>
            <Th hideBelow="sm">Agents</Th>
            <Th>Status</Th>
            {canEdit && (
              <Th edge align="right">
                <span className="sr-only">Actions</span>
              </Th>
            )}
          </>
        }
      >
        {docs.map((doc) => (
          <tr key={doc.id} className="align-top">
            <td className="w-full max-w-0 px-3 py-3.5 sm:px-5">
              <Link href={`/knowledge/${doc.id}`} title={doc.title} className="focus-ring block truncate rounded font-medium text-zinc-900 hover:text-accent-700">
                {doc.title}
              </Link>
              <p className="mt-0.5 truncate text-xs text-zinc-500" title={doc.sourceUrl ?? doc.fileName ?? undefined}>
                {doc.sourceUrl ?? doc.fileName}
              </p>
            </td>
            <td className="hidden px-4 py-3.5 whitespace-nowrap text-zinc-600 md:table-cell">{documentTypeLabel(doc)}</td>
            <td className="hidden px-4 py-3.5 whitespace-nowrap text-zinc-600 tabular-nums lg:table-cell">
              {doc.sizeBytes === null ? "—" : formatBytes(doc.sizeBytes)}
            </td>
            <td className="hidden max-w-48 truncate px-4 py-3.5 text-zinc-600 sm:table-cell">{assignmentSummary(doc, agents)}</td>
            <td className="px-3 py-3.5 sm:px-4">
              <DocumentStatusCell doc={doc} canEdit={canEdit} />
            </td>
            {canEdit && (
              <td className="px-3 py-3 sm:px-5">
                <div className="flex justify-end gap-2">
                  <Button variant="secondary" size="sm" onClick={() => setEditing(doc)} aria-label={`Edit ${doc.title}`}>
                    Edit
                  </Button>
                  <Button variant="danger-secondary" size="sm" icon={<TrashIcon className="size-4" />} onClick={() => setDeleting(doc)} aria-label={`Delete ${doc.title}`}>
                    <span className="sr-only sm:not-sr-only">Delete</span>
                  </Button>
                </div>
              </td>
            )}
          </tr>
        ))}
      </Table>
    );
  }

  return (
    <div className="space-y-3">
      {body}
      {documents.hasNextPage && (
        <Button variant="secondary" loading={documents.isFetchingNextPage} onClick={() => void documents.fetchNextPage()}>
          Show more documents
        </Button>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <EditDocumentDialog doc={editing} agents={agents} onClose={() => setEditing(null)} />
      <DeleteDocumentDialog doc={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}
