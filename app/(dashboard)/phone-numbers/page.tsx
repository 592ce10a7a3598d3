import type { Metadata } from "next";
import { PhoneNumberList } from "@/components/phone-numbers/phone-number-list";
import { PageHeader } from "@/components/shell/page-header";
import { listAgents } from "@/lib/agents/service";
import { getEnv } from "@/lib/env";
import { selectProviders } from "@/lib/providers/selection";
import { toAgentJson } from "@/lib/agents/serialize";
import { listPhoneNumbers } from "@/lib/phone-numbers/service";
import { toPhoneNumberJson } from "@/lib/phone-numbers/serialize";
import { requirePageContext } from "@/lib/tenant/page-context";
import { userScope } from "@/lib/tenant/scope";

export const metadata: Metadata = { title: "Phone numbers" };

export default async function PhoneNumbersPage() {
  const ctx = await requirePageContext();
  // The lists arrive with the page (no placeholders waiting for hydration), with the workspace's
  // country (national numbers are read in it) and its plan's limit.
  const scope = userScope(ctx);
  const [numbers, agents] = await Promise.all([listPhoneNumbers(scope), listAgents(scope)]);
  return (
    <>
      <PageHeader
        title="Phone numbers"
        description={
          ctx.role === "ADMIN"
            ? "Each number is answered by the agent you route it to."
            : "Each number is answered by the agent it is routed to. You have view-only access."
        }
      />
      <PhoneNumberList
        initialNumbers={numbers.map(toPhoneNumberJson)}
        initialAgents={agents.map(toAgentJson)}
        workspace={{ country: ctx.tenantCountry, plan: ctx.tenantPlan, maxPhoneNumbers: ctx.maxPhoneNumbers }}
        telephony={selectProviders(getEnv()).telephony}
      />
    </>
  );
}
