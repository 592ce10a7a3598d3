"use client";
// Import a web page by its address. The server fetches it (never the browser) and checks the address
// is public; its refusal ("not a public address", "already imported") is shown against the field.
import { useState, type FormEvent } from "react";
import type { Agent } from "@/components/agents/types";
import { ApiError, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { AgentAssignmentPicker, isAssignmentComplete } from "./agent-assignment-picker";
import { LanguageSelect } from "./language-select";
import { checkPageUrl } from "./page-url";
import { useImportDocument } from "./queries";
import type { AgentAssignment } from "./types";

type Errors = { url?: string; title?: string; agents?: string };

export function ImportUrlForm({ agents }: { agents: Pick<Agent, "id" | "name">[] }) {
  const toast = useToast();
  const importPage = useImportDocument();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [assignment, setAssignment] = useState<AgentAssignment>({ allAgents: true });
  const [language, setLanguage] = useState("");
  const [errors, setErrors] = useState<Errors>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (importPage.isPending) return;
    const next: Errors = {
      url: checkPageUrl(url),
      agents: isAssignmentComplete(assignment) ? undefined : "Choose at least one agent, or All agents.",
    };
    setErrors(next);
    if (next.url || next.agents) return;
    importPage.mutate(
      {
        url: url.trim(),
        title: title.trim() || undefined,
        agentIds: assignment.allAgents ? undefined : assignment.agentIds,
        language: language || undefined,
      },
      {
        onSuccess: (doc) => {
          toast({ title: "Page added", description: `“${doc.title}” is being fetched and indexed.` });
          setUrl("");
          setTitle("");
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          // UNSAFE_URL, DUPLICATE_DOCUMENT and field errors are about the address the user typed.
          if (error.field === "title") setErrors({ title: error.message });
          else if (error.field === "agentIds") setErrors({ agents: error.message });
          else if (error.field === "url" || error.code === "UNSAFE_URL" || error.code === "DUPLICATE_DOCUMENT" || error.status === 422)
            setErrors({ url: error.message });
        },
      },
    );
  };

  const fieldError = errors.url ?? errors.title ?? errors.agents;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Import a web page" className="space-y-4">
      {importPage.isError && !fieldError && <Alert title="The page was not added">{errorMessage(importPage.error)}</Alert>}
      <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Field id="import-url" label="Page address" error={errors.url}>
          <Input
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://example.com/prices"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              if (errors.url) setErrors((x) => ({ ...x, url: undefined }));
            }}
          />
        </Field>
        <Field id="import-title" label="Title" optional error={errors.title} hint="The page's own title when left empty.">
          <Input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </Field>
      </div>
      <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <AgentAssignmentPicker id="import-agents" legend="Agents that answer from it" agents={agents} value={assignment} onChange={setAssignment} error={errors.agents} />
        <LanguageSelect id="import-language" value={language} onChange={setLanguage} />
      </div>
      <Button type="submit" loading={importPage.isPending} icon={<PlusIcon className="size-4" />}>
        Import page
      </Button>
    </form>
  );
}
