"use client";
// Change a workspace's plan and limits. Picking a plan fills in that plan's default limits, which can
// then be overridden; saving sends the plan (if changed) and the limits that differ from the current ones.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api, errorMessage } from "@/components/api-client";
import { PLAN_LABELS } from "@/components/shell/labels";
import type { Plan } from "@/components/shell/viewer";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { PLAN_QUOTAS, type PlanQuotas } from "@/lib/billing/plans";

const LIMIT_LABELS: Record<keyof PlanQuotas, string> = {
  monthlyMinutesQuota: "Minutes per month",
  maxAgents: "Agents",
  maxPhoneNumbers: "Phone numbers",
  maxKnowledgeDocuments: "Knowledge documents",
  maxKnowledgeMegabytes: "Knowledge storage (MB)",
  maxConcurrentCalls: "Concurrent calls",
};
const KEYS = Object.keys(LIMIT_LABELS) as (keyof PlanQuotas)[];

export function PlanForm({ tenantId, plan, limits }: { tenantId: string; plan: Plan; limits: PlanQuotas }) {
  const router = useRouter();
  const toast = useToast();
  const [nextPlan, setNextPlan] = useState<Plan>(plan);
  const [values, setValues] = useState<Record<keyof PlanQuotas, string>>(() => Object.fromEntries(KEYS.map((k) => [k, String(limits[k])])) as Record<keyof PlanQuotas, string>);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pickPlan = (p: Plan) => {
    setNextPlan(p);
    setValues(Object.fromEntries(KEYS.map((k) => [k, String(PLAN_QUOTAS[p][k])])) as Record<keyof PlanQuotas, string>);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const changed: Partial<PlanQuotas> = {};
    for (const k of KEYS) {
      const n = Number(values[k]);
      if (!Number.isInteger(n) || n < 0) return setError(`${LIMIT_LABELS[k]}: a whole number, 0 or more`);
      if (n !== limits[k] || nextPlan !== plan) changed[k] = n;
    }
    if (nextPlan === plan && Object.keys(changed).length === 0) return setError("Nothing to change.");
    setPending(true);
    setError(null);
    try {
      await api.patch(`/api/v1/admin/tenants/${encodeURIComponent(tenantId)}`, { ...(nextPlan !== plan ? { plan: nextPlan } : {}), limits: changed });
      toast({ title: "Plan and limits saved" });
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={onSubmit} aria-label="Plan and limits" className="space-y-4">
      {error && <Alert>{error}</Alert>}
      <Field id="tenant-plan" label="Plan">
        <Select value={nextPlan} onChange={(e) => pickPlan(e.target.value as Plan)}>
          {(Object.keys(PLAN_LABELS) as Plan[]).map((p) => (
            <option key={p} value={p}>
              {PLAN_LABELS[p]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {KEYS.map((k) => (
          <Field key={k} id={`limit-${k}`} label={LIMIT_LABELS[k]}>
            <Input type="number" min={0} step={1} inputMode="numeric" value={values[k]} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} />
          </Field>
        ))}
      </div>
      <Button type="submit" loading={pending}>
        Save plan and limits
      </Button>
    </form>
  );
}
