import type { Metadata } from "next";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { listAgents } from "@/lib/agents/service";
import { toAgentJson } from "@/lib/agents/serialize";
import { listPhoneNumbers } from "@/lib/phone-numbers/service";
import { toPhoneNumberJson } from "@/lib/phone-numbers/serialize";
import { requirePageContext } from "@/lib/tenant/page-context";
import { userScope } from "@/lib/tenant/scope";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  // The counts and the getting-started steps arrive with the page instead of after hydration.
  const scope = userScope(await requirePageContext());
  const [agents, numbers] = await Promise.all([listAgents(scope), listPhoneNumbers(scope)]);
  return <OverviewDashboard initialAgents={agents.map(toAgentJson)} initialNumbers={numbers.map(toPhoneNumberJson)} />;
}
