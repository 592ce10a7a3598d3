// Quota checks read the tenant row FOR UPDATE inside the creating transaction, so two concurrent
// creates cannot both pass a "count < max" check.
import type { Prisma } from "../db/generated/client";
import { notFound } from "../errors";

type Quotas = { maxAgents: number; maxPhoneNumbers: number; maxKnowledgeDocuments: number };

export async function lockTenantQuotas(tx: Prisma.TransactionClient, tenantId: string): Promise<Quotas> {
  const [row] = await tx.$queryRaw<Quotas[]>`
    SELECT "maxAgents", "maxPhoneNumbers", "maxKnowledgeDocuments" FROM "Tenant" WHERE "id" = ${tenantId} FOR UPDATE`;
  if (!row) throw notFound("Workspace");
  return row;
}
