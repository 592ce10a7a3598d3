"use client";
// Rename a document or change which agents answer from it. Opened from the table and the preview.
import { useState, type FormEvent } from "react";
import type { Agent } from "@/components/agents/types";
import { ApiError, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { AgentAssignmentPicker, isAssignmentComplete } from "./agent-assignment-picker";
import { useUpdateDocument } from "./queries";
import type { AgentAssignment, KnowledgeDocument } from "./types";

/** `doc` null = closed. The form is keyed by the document, so it opens with that document's values. */
export function EditDocumentDialog({ doc, agents, onClose }: { doc: KnowledgeDocument | null; agents: Pick<Agent, "id" | "name">[]; onClose: () => void }) {
  return (
    <Dialog open={doc !== null} onClose={onClose} title={doc ? `Edit “${doc.title}”` : "Edit document"} className="max-w-lg">
      {doc && <EditDocumentForm key={doc.id} doc={doc} agents={agents} onClose={onClose} />}
    </Dialog>
  );
}

function EditDocumentForm({ doc, agents, onClose }: { doc: KnowledgeDocument; agents: Pick<Agent, "id" | "name">[]; onClose: () => void }) {
  const toast = useToast();
  const update = useUpdateDocument();
  const [title, setTitle] = useState(doc.title);
  const [assignment, setAssignment] = useState<AgentAssignment>(doc.allAgents ? { allAgents: true } : { allAgents: false, agentIds: doc.agentIds });
  const [errors, setErrors] = useState<{ title?: string; agents?: string }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    const next = {
      title: trimmed ? undefined : "Enter a title",
      agents: isAssignmentComplete(assignment) ? undefined : "Choose at least one agent, or All agents.",
    };
    setErrors(next);
    if (next.title || next.agents) return;
    update.mutate(
      assignment.allAgents
        ? { id: doc.id, title: trimmed, allAgents: true }
        : { id: doc.id, title: trimmed, allAgents: false, agentIds: assignment.agentIds },
      {
        onSuccess: (saved) => {
          toast({ title: "Document updated", description: `“${saved.title}” was saved.` });
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.field === "title") setErrors({ title: error.message });
          else if (error instanceof ApiError && error.field === "agentIds") setErrors({ agents: error.message });
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Edit document" className="space-y-4">
      {update.isError && !errors.title && !errors.agents && <Alert>{errorMessage(update.error)}</Alert>}
      <Field id="edit-document-title" label="Title" error={errors.title}>
        <Input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <AgentAssignmentPicker id="edit-document-agents" legend="Agents that answer from it" agents={agents} value={assignment} onChange={setAssignment} error={errors.agents} />
      <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={update.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}
