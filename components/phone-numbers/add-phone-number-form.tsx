"use client";
// Add a number: E.164 checked as you leave the field and again on submit; the API's answer
// (already taken, invalid) is shown against the field it names.
import { useRef, useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "@/components/api-client";
import type { Agent } from "@/components/agents/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { e164Schema } from "@/lib/phone-numbers/e164";
import { useCreatePhoneNumber } from "./queries";

type Errors = Partial<Record<"e164" | "label" | "agentId", string>>;

function checkNumber(raw: string): string | undefined {
  if (raw.trim() === "") return "Enter a phone number";
  const result = e164Schema.safeParse(raw);
  return result.success ? undefined : (result.error.issues[0]?.message ?? "Must be an E.164 phone number");
}

export function AddPhoneNumberForm({ agents }: { agents: Pick<Agent, "id" | "name">[] | undefined }) {
  const toast = useToast();
  const create = useCreatePhoneNumber();
  const hydrated = useHydrated();
  const numberRef = useRef<HTMLInputElement>(null);
  const [e164, setE164] = useState("");
  const [label, setLabel] = useState("");
  const [agentId, setAgentId] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const numberError = checkNumber(e164);
    if (numberError) {
      setErrors({ e164: numberError });
      numberRef.current?.focus();
      return;
    }
    setFormError(null);
    const normalized = e164Schema.parse(e164);
    create.mutate(
      { e164: normalized, label: label.trim() || null, agentId: agentId || null },
      {
        onSuccess: (created) => {
          toast({
            title: "Number added",
            description: created.agent ? `${created.e164} is answered by “${created.agent.name}”.` : `${created.e164} is not routed to an agent yet.`,
          });
          setE164("");
          setLabel("");
          setAgentId("");
          setErrors({});
          numberRef.current?.focus();
        },
        onError: (error) => {
          if (error instanceof ApiError) {
            if (error.code === "PHONE_NUMBER_TAKEN" || error.status === 409) {
              setErrors({ e164: error.message || "This number is already in use" });
              numberRef.current?.focus();
              return;
            }
            if (error.field === "e164" || error.field === "label" || error.field === "agentId") {
              setErrors({ [error.field]: error.message });
              if (error.field === "e164") numberRef.current?.focus();
              return;
            }
          }
          setFormError(errorMessage(error));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a phone number" aria-disabled={!hydrated || undefined}>
      {formError && (
        <Alert className="mb-4" title="The number was not added">
          {formError}
        </Alert>
      )}
      <div className="grid gap-4 md:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start">
        <Field id="new-number-e164" label="Phone number" error={errors.e164} hint={errors.e164 ? undefined : "E.164, e.g. +15550100001"}>
          <Input
            ref={numberRef}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="+15550100001"
            value={e164}
            onChange={(e) => {
              setE164(e.target.value);
              if (errors.e164) setErrors((x) => ({ ...x, e164: undefined }));
            }}
            onBlur={() => {
              if (e164.trim() !== "") setErrors((x) => ({ ...x, e164: checkNumber(e164) }));
            }}
            required
            className="font-mono"
          />
        </Field>
        <Field id="new-number-label" label="Label" optional error={errors.label}>
          <Input
            placeholder="Main line"
            maxLength={80}
            value={label}
            onChange={(e) => {
              setLabel(e.target.value);
              if (errors.label) setErrors((x) => ({ ...x, label: undefined }));
            }}
          />
        </Field>
        <Field id="new-number-agent" label="Agent" error={errors.agentId}>
          <Select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">Not routed yet</option>
            {agents?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
        <div className="md:pt-7">
          <Button type="submit" loading={create.isPending} icon={<PlusIcon className="size-4" />} className="w-full md:w-auto">
            Add number
          </Button>
        </div>
      </div>
    </form>
  );
}
