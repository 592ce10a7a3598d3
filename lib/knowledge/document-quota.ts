// The plan's knowledge limits: how many documents and how many megabytes of files a tenant keeps
// (uploads at the request, web pages once the worker has fetched them).
// Checked inside the creating transaction with the tenant row locked (lockTenantQuotas), so two
// uploads at once cannot both pass the last free place.
import { AppError } from "../errors";
import { PLAN_LIMIT_ADVICE } from "../text/plan-limits";
import { countOf } from "../text/plural";
import type { TenantScope } from "../tenant/scope";
import type { ScopedDb, ScopedTx } from "../tenant/scoped-db";
import { lockTenantQuotas } from "../tenant/quotas";
import { DocumentFailure } from "./types";

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

/**
 * A web page's size is known only once fetched, so the megabytes quota the upload route checks up
 * front is checked for it here: a page that would take the workspace past its plan's megabytes fails
 * (its stored copy goes with the document's files on delete). Not under the tenant lock: two imports
 * fetched at once may each pass, an overshoot bounded by the fetch limit per running job.
 */
export async function pageOverQuota(db: ScopedDb, documentId: string, sizeBytes: number): Promise<DocumentFailure | null> {
  const tenant = await db.tenant.findFirst({ select: { maxKnowledgeMegabytes: true } });
  if (!tenant) return null;
  const others = await db.knowledgeDocument.aggregate({ where: { id: { not: documentId } }, _sum: { sizeBytes: true } });
  const used = others._sum.sizeBytes ?? 0;
  if (used + sizeBytes <= tenant.maxKnowledgeMegabytes * MB) return null;
  return new DocumentFailure(
    "QUOTA_EXCEEDED",
    `This page is ${megabytes(sizeBytes)} MB and your plan allows ${tenant.maxKnowledgeMegabytes.toLocaleString("en-US")} MB of documents, of which ${megabytes(used)} MB are used. Delete documents to make room, then retry.`,
  );
}
