// "1 of 1 numbers used on the Free plan": a limit shown before anyone runs into it, and, once reached,
// where it comes from and what to do about it (PLAN_LIMIT_ADVICE).
import { PLAN_LIMIT_ADVICE } from "@/lib/text/plan-limits";
import { countOf, pluralOf } from "@/lib/text/plural";
import { Alert } from "@/components/ui/alert";
import { PLAN_LABELS } from "./labels";
import type { Plan } from "./viewer";

type Noun = { singular: string; plural?: string };

/** "1 of 1 numbers used on the Free plan": "n of max" is a share of the allowance, so the noun is plural. */
export function planUsageText(used: number, max: number, noun: Noun, plan: Plan): string {
  return `${used.toLocaleString("en-US")} of ${max.toLocaleString("en-US")} ${pluralOf(noun.singular, noun.plural)} used on the ${PLAN_LABELS[plan]} plan`;
}

export function PlanUsage({ used, max, noun, plan }: { used: number; max: number; noun: Noun; plan: Plan }) {
  return (
    <p className="text-sm text-zinc-500 tabular-nums">
      {planUsageText(used, max, noun, plan)}
    </p>
  );
}

/** Shown at the limit: why nothing more can be added, and what to do about it today. */
export function PlanLimitNote({ max, noun, plan, remove }: { max: number; noun: Noun; plan: Plan; remove: string }) {
  return (
    <Alert tone="info" title={`Your ${PLAN_LABELS[plan]} plan includes ${countOf(max, noun.singular, noun.plural)}, and ${max === 1 ? "it is" : "all are"} in use`}>
      {remove} {PLAN_LIMIT_ADVICE}
    </Alert>
  );
}
