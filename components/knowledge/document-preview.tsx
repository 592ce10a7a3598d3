"use client";
// One document: what it is, who answers from it, where its processing is, the text extraction found
// and the chunks the index holds. Admins can edit its assignment, retry a failure, or delete it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useAgents } from "@/components/agents/queries";
import type { Agent } from "@/components/agents/types";
import { PageHeader } from "@/components/shell/page-header";
import { useCanEdit } from "@/components/shell/viewer";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ArrowLeftIcon, TrashIcon } from "@/components/ui/icons";
import { TimeText } from "@/components/ui/time-text";
import { assignmentSummary } from "./agent-assignment-picker";
import { ChunkList } from "./chunk-list";
import { DeleteDocumentDialog } from "./delete-document-dialog";
import { DocumentStatusBadge, DocumentStatusCell } from "./document-status";
import { EditDocumentDialog } from "./edit-document-dialog";
import { documentTypeLabel, formatBytes, statusSentence } from "./knowledge-format";
import { useDocumentDetail } from "./queries";
import type { KnowledgeDocument } from "./types";

export function DocumentPreview({ initialDocument, initialAgents }: { initialDocument: KnowledgeDocument; initialAgents: Agent[] }) {
  const router = useRouter();
  const canEdit = useCanEdit();
  const agents = useAgents(initialAgents).data;
  // cursors[i] opens chunk page i; null is the first page.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const detail = useDocumentDetail(initialDocument.id, cursor);
  const doc: KnowledgeDocument = detail.data ?? initialDocument;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const text = detail.data?.extractedText ?? null;

  return (
    <>
      <Link href="/knowledge" className="focus-ring mb-4 inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-zinc-500 hover:text-zinc-800">
        <ArrowLeftIcon className="size-4" />
        All knowledge
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="break-all">{doc.title}</span>
            <DocumentStatusBadge status={doc.status} />
          </span>
        }
        description={doc.sourceUrl ?? doc.fileName ?? undefined}
        actions={
          canEdit && (
            <>
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Edit
              </Button>
              <Button variant="danger-secondary" icon={<TrashIcon className="size-4" />} onClick={() => setDeleting(true)}>
                Delete
              </Button>
            </>
          )
        }
      />
      <p aria-live="polite" className="sr-only">
        {statusSentence(doc)}
      </p>
      <div className="space-y-6">
        <Card id="details" title="Details">
          <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
            <Detail label="Status">
              <DocumentStatusCell doc={doc} canEdit={canEdit} />
            </Detail>
            <Detail label="Type">{documentTypeLabel(doc)}</Detail>
            <Detail label="Size">{doc.sizeBytes === null ? "—" : formatBytes(doc.sizeBytes)}</Detail>
            <Detail label="Agents">{assignmentSummary(doc, agents)}</Detail>
            <Detail label="Characters">{doc.charCount.toLocaleString("en-US")}</Detail>
            <Detail label="Added">
              <TimeText iso={doc.createdAt} format="date" />
            </Detail>
          </dl>
        </Card>
        <Card id="chunks" title="Chunks" description="What the index holds and retrieval returns: each with its heading path, page and size.">
          <ChunkList
            chunks={detail.data?.chunks}
            total={doc.chunkCount}
            loading={detail.isFetching}
            error={detail.isError ? detail.error : null}
            hasPrevious={cursors.length > 1}
            hasNext={detail.data?.next_chunk_cursor != null}
            onPrevious={() => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list))}
            onNext={() => {
              const next = detail.data?.next_chunk_cursor;
              if (next != null) setCursors((list) => [...list, String(next)]);
            }}
          />
        </Card>
        <Card id="extracted-text" title="Extracted text" description="The text found in the document, as chunking read it.">
          {text ? (
            <>
              <pre className="max-h-[32rem] overflow-auto rounded-lg bg-zinc-50 p-4 font-sans text-sm whitespace-pre-wrap text-zinc-700">{text}</pre>
              {detail.data?.extractedTextTruncated && (
                <p className="mt-2 text-xs text-zinc-500">
                  The first {text.length.toLocaleString("en-US")} of {doc.charCount.toLocaleString("en-US")} characters.
                </p>
              )}
            </>
          ) : (
            <p className="text-sm text-zinc-500">{detail.data ? "No text yet: it appears once extraction is done." : "Loading…"}</p>
          )}
        </Card>
      </div>
      <EditDocumentDialog doc={editing ? doc : null} agents={agents} onClose={() => setEditing(false)} />
      <DeleteDocumentDialog doc={deleting ? doc : null} onClose={() => setDeleting(false)} onDeleted={() => router.push("/knowledge")} />
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-1 text-zinc-800">{children}</dd>
    </div>
  );
}
