"use client";
// A document's processing state in the table: the stage as a badge (with a spinner while it moves),
// the page and chunk counts once ready, and for a failed document why, with Retry for admins.
import { errorMessage } from "@/components/api-client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { STATUS_LABELS, documentCounts, isSettled, stageStep } from "./knowledge-format";
import { useRetryDocument } from "./queries";
import type { DocumentStatus, KnowledgeDocument } from "./types";

const TONES: Record<DocumentStatus, BadgeTone> = {
  QUEUED: "neutral",
  EXTRACTING: "accent",
  CHUNKING: "accent",
  INDEXING: "accent",
  READY: "success",
  FAILED: "danger",
};

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  const step = stageStep(status);
  return (
    <Badge tone={TONES[status]} dot={isSettled(status)}>
      {!isSettled(status) && <Spinner className="size-3" />}
      {STATUS_LABELS[status]}
      {step && status !== "QUEUED" && <span className="sr-only">, step {step.step} of {step.of}</span>}
    </Badge>
  );
}

export function DocumentStatusCell({ doc, canEdit }: { doc: KnowledgeDocument; canEdit: boolean }) {
  const counts = documentCounts(doc);
  return (
    <div className="min-w-36">
      <DocumentStatusBadge status={doc.status} />
      {doc.status === "FAILED" ? (
        <div className="mt-1.5 max-w-64">
          <p className="text-xs text-red-700">{doc.error ?? "Processing failed."}</p>
          {canEdit && <RetryButton doc={doc} />}
        </div>
      ) : (
        counts && <p className="mt-1 text-xs text-zinc-500 tabular-nums">{counts}</p>
      )}
    </div>
  );
}

function RetryButton({ doc }: { doc: KnowledgeDocument }) {
  const toast = useToast();
  const retry = useRetryDocument();
  return (
    <Button
      variant="secondary"
      size="sm"
      className="mt-2"
      loading={retry.isPending}
      aria-label={`Retry ${doc.title}`}
      onClick={() =>
        retry.mutate(doc.id, {
          onSuccess: () => toast({ title: "Processing again", description: `“${doc.title}” is queued.` }),
          onError: (error) => toast({ tone: "error", title: "Could not retry", description: errorMessage(error) }),
        })
      }
    >
      Retry
    </Button>
  );
}
