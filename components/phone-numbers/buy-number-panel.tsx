"use client";
// With Twilio connected: search the numbers the account can buy (country, area code, digits it
// contains), then buy one after a confirmation. The bought number arrives in the list below with its
// webhooks already pointed at this workspace's voice endpoint. The search is checked here with the
// API's own schema, so a mistyped area code is said next to its field rather than as a failed search.
import { useRef, useState, type FormEvent } from "react";
import { errorMessage } from "@/components/api-client";
import type { Agent } from "@/components/agents/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { availableNumbersQuerySchema } from "@/lib/phone-numbers/schemas";
import { useAvailableNumbers, useProvisionNumber, type NumberSearch } from "./queries";
import type { AvailableNumber } from "./types";
import { AgentOptions } from "@/components/agents/agent-options";

type SearchField = keyof NumberSearch;
const SEARCH_FIELDS: SearchField[] = ["country", "areaCode", "contains"];

/** The search as the API reads it (blank fields left out), or the message for each field it refuses. */
function checkSearch(form: NumberSearch): { ok: true; search: NumberSearch } | { ok: false; errors: Partial<Record<SearchField, string>> } {
  const sent = Object.fromEntries(SEARCH_FIELDS.map((key) => [key, form[key].trim()]).filter(([, value]) => value !== ""));
  const parsed = availableNumbersQuerySchema.safeParse(sent);
  if (parsed.success) return { ok: true, search: { country: form.country.trim().toUpperCase(), areaCode: form.areaCode.trim(), contains: form.contains.trim() } };
  const errors: Partial<Record<SearchField, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as SearchField;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

export function BuyNumberPanel({ agents, country, disabled }: { agents: Pick<Agent, "id" | "name">[]; country: string; disabled: boolean }) {
  const toast = useToast();
  const [form, setForm] = useState<NumberSearch>({ country, areaCode: "", contains: "" });
  const [errors, setErrors] = useState<Partial<Record<SearchField, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const [search, setSearch] = useState<NumberSearch | null>(null);
  const [picked, setPicked] = useState<AvailableNumber | null>(null);
  const [agentId, setAgentId] = useState("");
  const results = useAvailableNumbers(search);
  const buy = useProvisionNumber("buy");

  const edit = (key: SearchField, value: string) => {
    setForm({ ...form, [key]: value });
    if (errors[key]) setErrors({ ...errors, [key]: undefined });
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkSearch(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = SEARCH_FIELDS.find((key) => checked.errors[key]);
      formRef.current?.querySelector<HTMLInputElement>(`#buy-${first}`)?.focus();
      return;
    }
    setErrors({});
    setSearch(checked.search);
  };
  const close = () => {
    setPicked(null);
    buy.reset();
  };
  const confirm = () => {
    if (!picked) return;
    buy.mutate(
      { e164: picked.e164, label: null, agentId: agentId || null },
      {
        onSuccess: (created) => {
          toast({ title: "Number bought", description: `${created.e164} is yours${created.agent ? ` and answered by “${created.agent.name}”` : ""}.` });
          close();
        },
      },
    );
  };

  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSearch} noValidate aria-label="Search numbers to buy">
        {/* At the plan's limit nothing can be bought, so the whole search rests, as the import form does. */}
        <fieldset disabled={disabled} className="grid min-w-0 gap-4 md:grid-cols-[6rem_10rem_minmax(0,1fr)_auto] md:items-start">
          <legend className="sr-only">Numbers to look for</legend>
          <Field id="buy-country" label="Country" error={errors.country}>
            <Input value={form.country} maxLength={2} onChange={(e) => edit("country", e.target.value)} className="uppercase" />
          </Field>
          <Field id="buy-areaCode" label="Area code" optional error={errors.areaCode}>
            <Input inputMode="numeric" maxLength={3} placeholder="512" value={form.areaCode} onChange={(e) => edit("areaCode", e.target.value)} />
          </Field>
          <Field id="buy-contains" label="Contains" optional hint="Digits or letters, e.g. 0142 or PIZZA" error={errors.contains}>
            <Input maxLength={16} value={form.contains} onChange={(e) => edit("contains", e.target.value)} />
          </Field>
          <div className="md:pt-7">
            <Button type="submit" variant="secondary" loading={results.isFetching}>
              Search
            </Button>
          </div>
        </fieldset>
      </form>

      <div aria-live="polite">
        {results.isError && <Alert title="The search did not work">{errorMessage(results.error)}</Alert>}
        {results.data && results.data.length === 0 && <p className="text-sm text-zinc-500">No numbers match. Try another area code or fewer digits.</p>}
        {results.data && results.data.length > 0 && (
          <ul aria-label="Numbers you can buy" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
            {results.data.map((n) => (
              <li key={n.e164} className="flex items-center justify-between gap-3 px-4 py-2.5">
                <span>
                  <span className="font-mono text-sm font-medium text-zinc-900">{n.e164}</span>
                  {(n.locality || n.region) && <span className="ml-2 text-xs text-zinc-500">{[n.locality, n.region].filter(Boolean).join(", ")}</span>}
                </span>
                <Button size="sm" disabled={disabled} onClick={() => setPicked(n)} aria-label={`Buy ${n.e164}`}>
                  Buy
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <Dialog
        open={picked !== null}
        onClose={close}
        title={picked ? `Buy ${picked.e164}?` : "Buy number?"}
        description="The number is bought on the Twilio account and billed by Twilio from today. Calls to it are answered here."
        footer={
          <>
            <Button variant="secondary" onClick={close} data-autofocus>
              Cancel
            </Button>
            <Button loading={buy.isPending} onClick={confirm}>
              Buy number
            </Button>
          </>
        }
      >
        <div className="space-y-4">
          {buy.isError && <Alert>{errorMessage(buy.error)}</Alert>}
          <Field id="buy-agent" label="Answered by">
            <Select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              <AgentOptions agents={agents} none="Not routed yet" />
            </Select>
          </Field>
        </div>
      </Dialog>
    </div>
  );
}
