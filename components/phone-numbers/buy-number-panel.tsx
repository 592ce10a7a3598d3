"use client";
// With Twilio connected: search the numbers the account can buy (country, area code, digits it
// contains), then buy one after a confirmation. The bought number arrives in the list below with its
// webhooks already pointed at this workspace's voice endpoint.
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/components/api-client";
import type { Agent } from "@/components/agents/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useAvailableNumbers, useProvisionNumber, type NumberSearch } from "./queries";
import type { AvailableNumber } from "./types";

export function BuyNumberPanel({ agents, country, disabled }: { agents: Pick<Agent, "id" | "name">[]; country: string; disabled: boolean }) {
  const toast = useToast();
  const [form, setForm] = useState<NumberSearch>({ country, areaCode: "", contains: "" });
  const [search, setSearch] = useState<NumberSearch | null>(null);
  const [picked, setPicked] = useState<AvailableNumber | null>(null);
  const [agentId, setAgentId] = useState("");
  const results = useAvailableNumbers(search);
  const buy = useProvisionNumber("buy");

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ ...form, country: form.country.trim().toUpperCase() });
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
      <form onSubmit={onSearch} aria-label="Search numbers to buy" className="grid min-w-0 gap-4 md:grid-cols-[6rem_8rem_minmax(0,1fr)_auto] md:items-start">
        <Field id="buy-country" label="Country">
          <Input value={form.country} maxLength={2} onChange={(e) => setForm({ ...form, country: e.target.value })} className="uppercase" />
        </Field>
        <Field id="buy-area" label="Area code" optional>
          <Input inputMode="numeric" maxLength={3} placeholder="512" value={form.areaCode} onChange={(e) => setForm({ ...form, areaCode: e.target.value })} />
        </Field>
        <Field id="buy-contains" label="Contains" optional hint="Digits or letters, e.g. 0142 or PIZZA">
          <Input maxLength={16} value={form.contains} onChange={(e) => setForm({ ...form, contains: e.target.value })} />
        </Field>
        <div className="md:pt-7">
          <Button type="submit" variant="secondary" loading={results.isFetching} disabled={disabled}>
            Search
          </Button>
        </div>
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
              <option value="">Not routed yet</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </Dialog>
    </div>
  );
}
