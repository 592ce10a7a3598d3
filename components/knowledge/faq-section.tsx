"use client";
// FAQ entries: exact answers to the questions callers ask most. Admins add, edit, switch off and delete
// them; members read them.
import { useState } from "react";
import type { Agent } from "@/components/agents/types";
import { errorMessage } from "@/components/api-client";
import { DeleteDialog } from "@/components/delete-dialog";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import { FaqDialog, type FaqTarget } from "./faq-dialog";
import { useDeleteFaq, useFaqs, useSaveFaq } from "./queries";
import type { FaqEntry } from "./types";

type FaqSectionProps = { initialFaqs: FaqEntry[]; agents: Pick<Agent, "id" | "name">[]; canEdit: boolean };

export function FaqSection({ initialFaqs, agents, canEdit }: FaqSectionProps) {
  const faqs = useFaqs(initialFaqs);
  const [editing, setEditing] = useState<FaqTarget>(null);
  const [deleting, setDeleting] = useState<FaqEntry | null>(null);
  const agentName = (id: string | null) => (id === null ? "All agents" : (agents.find((a) => a.id === id)?.name ?? "Unknown agent"));

  return (
    <div className="space-y-4">
      {canEdit && (
        <Button icon={<PlusIcon className="size-4" />} onClick={() => setEditing("new")}>
          Add FAQ entry
        </Button>
      )}
      {faqs.isError ? (
        <Alert
          title="Could not load the FAQ"
          action={
            <Button size="sm" variant="secondary" onClick={() => void faqs.refetch()}>
              Retry
            </Button>
          }
        >
          {errorMessage(faqs.error)}
        </Alert>
      ) : faqs.data.length === 0 ? (
        <p className="text-sm text-zinc-500">No FAQ entries yet.</p>
      ) : (
        <ul aria-label="FAQ entries" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
          {faqs.data.map((faq) => (
            <li key={faq.id} aria-label={faq.question} className="flex flex-col gap-3 px-4 py-3.5 sm:flex-row sm:items-start">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-zinc-900">{faq.question}</p>
                <p className="mt-1 line-clamp-3 text-sm whitespace-pre-line text-zinc-600">{faq.answer}</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  <Badge>{agentName(faq.agentId)}</Badge>
                  {!faq.enabled && <Badge tone="warning">Disabled</Badge>}
                </div>
              </div>
              {canEdit && <FaqActions faq={faq} onEdit={() => setEditing(faq)} onDelete={() => setDeleting(faq)} />}
            </li>
          ))}
        </ul>
      )}
      <FaqDialog target={editing} agents={agents} onClose={() => setEditing(null)} />
      <DeleteFaqDialog faq={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}

function FaqActions({ faq, onEdit, onDelete }: { faq: FaqEntry; onEdit: () => void; onDelete: () => void }) {
  const toast = useToast();
  const save = useSaveFaq();
  const enabled = save.isPending ? (save.variables.enabled ?? faq.enabled) : faq.enabled;
  return (
    <div className="flex shrink-0 items-center gap-2">
      <Switch
        size="sm"
        checked={enabled}
        disabled={save.isPending}
        aria-label={`Enabled: ${faq.question}`}
        onChange={(on) =>
          save.mutate(
            { id: faq.id, enabled: on },
            { onError: (error) => toast({ tone: "error", title: "Could not change the entry", description: errorMessage(error) }) },
          )
        }
      />
      <Button variant="secondary" size="sm" onClick={onEdit} aria-label={`Edit ${faq.question}`}>
        Edit
      </Button>
      <Button variant="danger-secondary" size="sm" icon={<TrashIcon className="size-4" />} onClick={onDelete} aria-label={`Delete ${faq.question}`} />
    </div>
  );
}

function DeleteFaqDialog({ faq, onClose }: { faq: FaqEntry | null; onClose: () => void }) {
  return (
    <DeleteDialog
      target={faq}
      mutation={useDeleteFaq()}
      onClose={onClose}
      title="Delete this FAQ entry?"
      description={faq ? `“${faq.question}” will no longer be answered from the FAQ.` : undefined}
      deletedToast={() => ({ title: "FAQ entry deleted" })}
    />
  );
}
