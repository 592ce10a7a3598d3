// The plan's knowledge limits: how many documents and how many megabytes of files a tenant keeps.
// Checked inside the creating transaction with the tenant row locked (lockTenantQuotas), so two
// uploads at once cannot both pass the last free place.
import { AppError } from "../errors";
import { PLAN_LIMIT_ADVICE } from "../text/plan-limits";
import { countOf } from "../text/plural";
import type { TenantScope } from "../tenant/scope";
import type { ScopedTx } from "../tenant/scoped-db";
import { lockTenantQuotas } from "../tenant/quotas";

const MB = 1024 * 1024;
const megabytes = (bytes: number) => (bytes / MB).toLocaleString("en-US", { maximumFractionDigits: 1 });

export async function assertDocumentQuota(tx: ScopedTx, scope: TenantScope, adding: { documents: number; bytes: number }): Promise<void> {
  const { maxKnowledgeDocuments, maxKnowledgeMegabytes } = await lockTenantQuotas(tx, scope);
  const count = await tx.knowledgeDocument.count();
  if (count + adding.documents > maxKnowledgeDocuments) {
    const room = Math.max(0, maxKnowledgeDocuments - count);
    const wanted = adding.documents > 1 && room > 0 ? ` This upload has ${adding.documents}; there is room for ${room}.` : "";
    throw new AppError(
      "QUOTA_EXCEEDED",
      `Your plan allows ${countOf(maxKnowledgeDocuments, "document")}.${wanted} Delete a document to add another. ${PLAN_LIMIT_ADVICE}`,
    );
  }
  const used = (await tx.knowledgeDocument.aggregate({ _sum: { sizeBytes: true } }))._sum.sizeBytes ?? 0;
  if (used + adding.bytes > maxKnowledgeMegabytes * MB) {
    throw new AppError(
      "QUOTA_EXCEEDED",
      `Your plan allows ${maxKnowledgeMegabytes.toLocaleString("en-US")} MB of documents; ${megabytes(used)} MB are used and this upload needs ${megabytes(adding.bytes)} MB. Delete documents to make room. ${PLAN_LIMIT_ADVICE}`,
    );
  }
}
