// What the workspace's plan allows and where it is, from its Tenant row: the dashboard shows the limits
// before anyone runs into them (and says where they come from), and national phone numbers are read
// against the country. Super admins can override the per-tenant limits, so the row is the source.
import { notFound } from "../errors";
import type { Plan } from "../db/generated/enums";
import type { TenantScope } from "./scope";
import { scopedDb } from "./scoped-db";

export type WorkspaceLimits = {
  plan: Plan;
  /** ISO 3166-1 alpha-2: the country national phone numbers are read in. */
  country: string;
  maxAgents: number;
  maxPhoneNumbers: number;
};

export async function getWorkspaceLimits(scope: TenantScope): Promise<WorkspaceLimits> {
  const tenant = await scopedDb(scope).tenant.findFirst({
    select: { plan: true, country: true, maxAgents: true, maxPhoneNumbers: true },
  });
  if (!tenant) throw notFound("Workspace");
  return tenant;
}
