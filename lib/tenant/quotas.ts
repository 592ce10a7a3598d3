// Quota checks read the tenant row FOR UPDATE inside the creating transaction, so two concurrent
// creates cannot both pass a "count < max" check. Raw SQL (Prisma has no FOR UPDATE), so the tenant
// condition is written here, once, from the scope. The country comes along so a create that needs it
// (reading a national phone number) does not read the row a second time.
import type { Prisma } from "../db/generated/client";
import { notFound } from "../errors";
import type { TenantScope } from "./scope";

type Quotas = { maxAgents: number; maxPhoneNumbers: number; maxKnowledgeDocuments: number; maxKnowledgeMegabytes: number; country: string };

export async function lockTenantQuotas(tx: Pick<Prisma.TransactionClient, "$queryRaw">, scope: Pick<TenantScope, "tenantId">): Promise<Quotas> {
  const [row] = await tx.$queryRaw<Quotas[]>`
    SELECT "maxAgents", "maxPhoneNumbers", "maxKnowledgeDocuments", "maxKnowledgeMegabytes", "country" FROM "Tenant" WHERE "id" = ${scope.tenantId} FOR UPDATE`;
  if (!row) throw notFound("Workspace");
  return row;
}
