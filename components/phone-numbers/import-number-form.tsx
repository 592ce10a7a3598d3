"use client";
// With Twilio connected: add a number the Twilio account already holds. The server checks it is in
// the account and points its webhooks here; a number that is not (or not available) is refused.
import { useRef, useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "@/components/api-client";
import type { Agent } from "@/components/agents/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { parsePhoneNumberInput, phoneFormatExamples } from "@/lib/phone-numbers/parse-phone";
import { useProvisionNumber } from "./queries";
import { AgentOptions } from "@/components/agents/agent-options";

export function ImportNumberForm({ agents, country, disabled }: { agents: Pick<Agent, "id" | "name">[]; country: string; disabled: boolean }) {
  const toast = useToast();
  const importNumber = useProvisionNumber("import");
  const ref = useRef<HTMLInputElement>(null);
  const [e164, setE164] = useState("");
  const [agentId, setAgentId] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [, national] = phoneFormatExamples(country);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (importNumber.isPending || disabled) return;
    const parsed = parsePhoneNumberInput(e164, country);
    if (!parsed.ok) {
      setError(parsed.message);
      ref.current?.focus();
      return;
    }
    setFormError(null);
    importNumber.mutate(
      { e164: parsed.e164, label: null, agentId: agentId || null },
      {
        onSuccess: (created) => {
          toast({ title: "Number imported", description: `Calls to ${created.e164} now come to this workspace.` });
          setE164("");
          setAgentId("");
          setError(undefined);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.field === "e164") {
            setError(err.message);
            ref.current?.focus();
          } else setFormError(errorMessage(err));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Import a number from Twilio" className="space-y-4">
      {formError && <Alert title="The number was not imported">{formError}</Alert>}
      <fieldset disabled={disabled} className="grid min-w-0 gap-4 md:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)_auto] md:items-start">
        <legend className="sr-only">Number already in the Twilio account</legend>
        <Field id="import-e164" label="Number in your Twilio account" error={error}>
          <Input
            ref={ref}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder={national}
            value={e164}
            onChange={(e) => {
              setE164(e.target.value);
              if (error) setError(undefined);
            }}
            className="font-mono"
          />
        </Field>
        <Field id="import-agent" label="Answered by">
          <Select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <AgentOptions agents={agents} none="Not routed yet" />
          </Select>
        </Field>
        <div className="md:pt-7">
          <Button type="submit" variant="secondary" loading={importNumber.isPending} className="w-full md:w-auto">
            Import from Twilio
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
