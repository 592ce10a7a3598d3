// FAQ entries of one tenant: a question and its answer, for one agent or (agentId null) all of them.
// Every change enqueues the vocabulary rebuild of the agents it touches, in the same transaction, so
// the local recogniser learns the new question. Ids of another tenant (entry or agent) are "not found".
import { recordAudit } from "../audit/record";
import type { FaqEntry } from "../db/generated/client";
import { AppError, notFound } from "../errors";
import { enqueueVocabularyRebuild } from "../jobs/knowledge/rebuild-vocabulary";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedTx } from "../tenant/scoped-db";
import type { FaqCreateInput, FaqListQuery, FaqUpdateInput } from "./schemas";

async function assertAgent(tx: ScopedTx, agentId: string | null | undefined): Promise<void> {
  if (!agentId) return;
  const agent = await tx.agent.findUnique({ where: { id: agentId }, select: { id: true } });
  if (!agent) throw new AppError("NOT_FOUND", "Agent not found", { field: "agentId" });
}

/** Newest first. With agentId: the entries that agent answers with (its own and the shared ones). */
export async function listFaqs(scope: TenantScope, q: FaqListQuery = {}): Promise<FaqEntry[]> {
  return scopedDb(scope).faqEntry.findMany({
    where: q.agentId ? { OR: [{ agentId: q.agentId }, { agentId: null }] } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

export async function getFaqOrThrow(scope: TenantScope, id: string): Promise<FaqEntry> {
  const entry = await scopedDb(scope).faqEntry.findUnique({ where: { id } });
  if (!entry) throw notFound("FAQ entry");
  return entry;
}

export async function createFaq(scope: TenantScope, input: FaqCreateInput): Promise<FaqEntry> {
  return scopedDb(scope).$transaction(async (tx) => {
    await assertAgent(tx, input.agentId);
    const entry = await tx.faqEntry.create({ data: input });
    await enqueueVocabularyRebuild(tx, scope, [entry.agentId]);
    await recordAudit(tx, scope, "knowledge.faq.create", { type: "faq_entry", id: entry.id });
    return entry;
  });
}

export async function updateFaq(scope: TenantScope, id: string, patch: FaqUpdateInput): Promise<FaqEntry> {
  return scopedDb(scope).$transaction(async (tx) => {
    const before = await tx.faqEntry.findUnique({ where: { id } });
    if (!before) throw notFound("FAQ entry");
    await assertAgent(tx, patch.agentId);
    const entry = await tx.faqEntry.update({ where: { id }, data: patch });
    // Moving an entry between agents changes both vocabularies.
    await enqueueVocabularyRebuild(tx, scope, [before.agentId, entry.agentId]);
    await recordAudit(tx, scope, "knowledge.faq.update", { type: "faq_entry", id }, { fields: Object.keys(patch) });
    return entry;
  });
}

export async function deleteFaq(scope: TenantScope, id: string): Promise<void> {
  await scopedDb(scope).$transaction(async (tx) => {
    const entry = await tx.faqEntry.findUnique({ where: { id } });
    if (!entry) throw notFound("FAQ entry");
    await tx.faqEntry.delete({ where: { id } });
    await enqueueVocabularyRebuild(tx, scope, [entry.agentId]);
    await recordAudit(tx, scope, "knowledge.faq.delete", { type: "faq_entry", id });
  });
}
