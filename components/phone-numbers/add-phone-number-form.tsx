"use client";
// Add a number, typed the way people do: national formats are read in the workspace's country, the
// same parser the API uses (so "(512) 555-0142" is +15125550142 in a US workspace). Checked as you
// leave the field and on submit; the API's answer (already taken, over the limit) is shown against the
// field or above the form. At the plan's limit the form is disabled and says why.
import { useRef, useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "@/components/api-client";
import type { Agent } from "@/components/agents/types";
import { PlanLimitNote } from "@/components/shell/plan-usage";
import type { Plan } from "@/components/shell/viewer";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useDismissToast, useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useLeaveGuard } from "@/components/ui/use-leave-guard";
import { parsePhoneNumberInput, phoneFormatExamples } from "@/lib/phone-numbers/parse-phone";
import { useCreatePhoneNumber } from "./queries";
import { AgentOptions } from "@/components/agents/agent-options";

type Errors = Partial<Record<"e164" | "label" | "agentId", string>>;

const ADDED_TOAST = "phone-number-added";

type AddNumberLimit = { max: number; plan: Plan; reached: boolean };

export function AddPhoneNumberForm({
  agents,
  country,
  limit,
}: {
  agents: Pick<Agent, "id" | "name">[];
  /** The workspace's country (ISO 3166-1 alpha-2): national numbers are read in it. */
  country: string;
  limit: AddNumberLimit;
}) {
  const toast = useToast();
  const dismissToast = useDismissToast();
  const create = useCreatePhoneNumber();
  const hydrated = useHydrated();
  const numberRef = useRef<HTMLInputElement>(null);
  const [e164, setE164] = useState("");
  const [label, setLabel] = useState("");
  const [agentId, setAgentId] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [international, national] = phoneFormatExamples(country);

  useLeaveGuard(create.isPending || e164.trim() !== "" || label.trim() !== "");

  const check = (raw: string): string | undefined => {
    const result = parsePhoneNumberInput(raw, country);
    return result.ok ? undefined : result.message;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending || limit.reached) return;
    // The last "Number added" is old news once another attempt starts (it may fail).
    dismissToast(ADDED_TOAST);
    const parsed = parsePhoneNumberInput(e164, country);
    if (!parsed.ok) {
      setErrors({ e164: parsed.message });
      numberRef.current?.focus();
      return;
    }
    setFormError(null);
    create.mutate(
      { e164: parsed.e164, label: label.trim() || null, agentId: agentId || null },
      {
        onSuccess: (created) => {
          toast({
            key: ADDED_TOAST,
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
      {limit.reached && (
        <div className="mb-4">
          <PlanLimitNote max={limit.max} plan={limit.plan} noun={{ singular: "phone number" }} remove="Remove a number below to add another." />
        </div>
      )}
      {formError && (
        <Alert className="mb-4" title="The number was not added">
          {formError}
        </Alert>
      )}
      <fieldset disabled={limit.reached} className="grid min-w-0 gap-4 md:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start">
        <legend className="sr-only">New phone number</legend>
        <Field id="new-number-e164" label="Phone number" error={errors.e164} hint={errors.e164 ? undefined : `e.g. ${national} or ${international}`}>
          <Input
            ref={numberRef}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder={national}
            value={e164}
            onChange={(e) => {
              setE164(e.target.value);
              if (errors.e164) setErrors((x) => ({ ...x, e164: undefined }));
            }}
            onBlur={() => {
              if (e164.trim() !== "") setErrors((x) => ({ ...x, e164: check(e164) }));
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
            <AgentOptions agents={agents} none="Not routed yet" />
          </Select>
        </Field>
        <div className="md:pt-7">
          <Button type="submit" loading={create.isPending} icon={<PlusIcon className="size-4" />} className="w-full md:w-auto">
            Add number
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
