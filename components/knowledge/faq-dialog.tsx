"use client";
// Add or edit one FAQ entry: the question callers ask, the answer the agent gives word for word, and
// which agent uses it (all of them, or one).
import { useState, type FormEvent } from "react";
import type { Agent } from "@/components/agents/types";
import { ApiError, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { FAQ_ANSWER_MAX, FAQ_QUESTION_MAX } from "@/lib/knowledge/schemas";
import { useSaveFaq } from "./queries";
import type { FaqEntry } from "./types";
import { AgentOptions } from "@/components/agents/agent-options";

/** What the dialog edits: an entry, or "new" for an empty form. null = closed. */
export type FaqTarget = FaqEntry | "new" | null;

export function FaqDialog({ target, agents, onClose }: { target: FaqTarget; agents: Pick<Agent, "id" | "name">[]; onClose: () => void }) {
  const entry = target === "new" ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={entry ? "Edit FAQ entry" : "Add an FAQ entry"} className="max-w-lg">
      {target !== null && <FaqForm key={entry?.id ?? "new"} entry={entry} agents={agents} onClose={onClose} />}
    </Dialog>
  );
}

type Errors = Partial<Record<"question" | "answer" | "agentId", string>>;

function FaqForm({ entry, agents, onClose }: { entry: FaqEntry | null; agents: Pick<Agent, "id" | "name">[]; onClose: () => void }) {
  const toast = useToast();
  const save = useSaveFaq();
  const [question, setQuestion] = useState(entry?.question ?? "");
  const [answer, setAnswer] = useState(entry?.answer ?? "");
  const [agentId, setAgentId] = useState(entry?.agentId ?? "");
  const [enabled, setEnabled] = useState(entry?.enabled ?? true);
  const [errors, setErrors] = useState<Errors>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const next: Errors = {
      question: question.trim() ? undefined : "Enter the question callers ask",
      answer: answer.trim() ? undefined : "Enter the answer the agent should give",
    };
    setErrors(next);
    if (next.question || next.answer) return;
    save.mutate(
      { id: entry?.id, question: question.trim(), answer: answer.trim(), agentId: agentId || null, enabled },
      {
        onSuccess: () => {
          toast({ title: entry ? "FAQ entry saved" : "FAQ entry added" });
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && (error.field === "question" || error.field === "answer" || error.field === "agentId")) {
            setErrors({ [error.field]: error.message });
          }
        },
      },
    );
  };

  const fieldError = errors.question ?? errors.answer ?? errors.agentId;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={entry ? "Edit FAQ entry" : "New FAQ entry"} className="space-y-4">
      {save.isError && !fieldError && <Alert>{errorMessage(save.error)}</Alert>}
      <Field id="faq-question" label="Question" error={errors.question} aside={<Count value={question} max={FAQ_QUESTION_MAX} />}>
        <Input value={question} maxLength={FAQ_QUESTION_MAX} placeholder="Do you take walk-ins?" onChange={(e) => setQuestion(e.target.value)} data-autofocus />
      </Field>
      <Field id="faq-answer" label="Answer" error={errors.answer} aside={<Count value={answer} max={FAQ_ANSWER_MAX} />}>
        <Textarea rows={4} value={answer} maxLength={FAQ_ANSWER_MAX} placeholder="Yes, from 9 to 11 every weekday." onChange={(e) => setAnswer(e.target.value)} />
      </Field>
      <Field id="faq-agent" label="Used by" error={errors.agentId}>
        <Select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
          <AgentOptions agents={agents} none="All agents" />
        </Select>
      </Field>
      <div className="flex items-center gap-3">
        <Switch id="faq-enabled" checked={enabled} onChange={setEnabled} aria-label="Enabled" />
        <label htmlFor="faq-enabled" className="text-sm text-zinc-800">
          Enabled: agents answer with it
        </label>
      </div>
      <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={save.isPending}>
          {entry ? "Save" : "Add entry"}
        </Button>
      </div>
    </form>
  );
}

function Count({ value, max }: { value: string; max: number }) {
  return (
    <span className="text-xs text-zinc-500 tabular-nums">
      {value.length.toLocaleString("en-US")}/{max.toLocaleString("en-US")}
    </span>
  );
}
