"use client";
// Settings → API keys: name a key and create it; the key is then shown once, with a copy button and
// a warning, until the admin dismisses it (it cannot be shown again: only its hash is stored).
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCreateApiKey, type CreatedApiKey } from "./queries";

function ShownOnce({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard permission: the field is selectable by hand
    }
  };
  return (
    <Alert tone="warning" title={`Copy the key “${created.name}” now: it will not be shown again`}>
      <p>Store it in your integration&apos;s secret settings. Anyone holding it can act as an admin of this workspace through the API.</p>
      <span className="mt-2 flex items-center gap-2">
        <Input readOnly value={created.key} aria-label="New API key" onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy key"}
        </Button>
      </span>
      <span role="status" aria-live="polite" className="sr-only">
        {copied ? "Key copied to the clipboard" : ""}
      </span>
      <Button className="mt-3" size="sm" onClick={onDone}>
        I have stored it
      </Button>
    </Alert>
  );
}

export function CreateKeyForm() {
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useCreateApiKey();
  const fieldError = create.error instanceof ApiError && create.error.field === "name" ? create.error.message : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate(name, {
      onSuccess: (key) => {
        setCreated(key);
        setName("");
      },
    });
  };

  if (created) return <ShownOnce created={created} onDone={() => setCreated(null)} />;
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:flex sm:items-end" noValidate>
      <Field id="api-key-name" label="Key name" hint="What uses it, e.g. “Zapier” or “CRM sync”." error={fieldError} className="sm:flex-1">
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoComplete="off" />
      </Field>
      <Button type="submit" loading={create.isPending} className="sm:mb-7">
        Create key
      </Button>
      {create.isError && !fieldError && <Alert className="sm:hidden">{errorMessage(create.error)}</Alert>}
    </form>
  );
}
