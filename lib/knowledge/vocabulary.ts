// Agent.knowledgePhrases: the caller phrases the local recogniser adds to an agent's grammar so that
// questions about its documents and FAQ are understood offline. Rebuilt (rebuildVocabularyJob) when
// a document becomes ready, fails after being ready, or is deleted, and when FAQ entries change. Reads
// are bounded: the most frequent headings, a sample of passages for terms, the FAQ questions.
import type { Db } from "../db/client";
import type { TenantScope } from "../tenant/scope";
import { scopedDb, type ScopedDb } from "../tenant/scoped-db";
import { buildKnowledgePhrases } from "./vocabulary-phrases";
import { frequentTerms } from "./vocabulary-terms";

export { buildKnowledgePhrases, MAX_KNOWLEDGE_PHRASES } from "./vocabulary-phrases";

const MAX_HEADINGS = 300;
const TERM_SAMPLE_PASSAGES = 2_000;
const MAX_FAQ_QUESTIONS = 200;
const MAX_TERMS = 40;

// The agent's READY documents: shared ones and those assigned to it. Raw SQL, so the tenant condition is written here.
async function agentHeadings(db: ScopedDb, scope: TenantScope, agentId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ heading: string }[]>`
    SELECT c.heading FROM "KnowledgeChunk" c
    JOIN "KnowledgeDocument" d ON d.id = c."documentId" AND d."tenantId" = c."tenantId"
    WHERE c."tenantId" = ${scope.tenantId} AND d.status = 'READY' AND c.heading <> ''
      AND (d."allAgents" OR EXISTS (SELECT 1 FROM "KnowledgeDocumentAgent" a WHERE a."documentId" = d.id AND a."agentId" = ${agentId}))
    GROUP BY c.heading ORDER BY count(*) DESC, c.heading LIMIT ${MAX_HEADINGS}`;
  return rows.map((r) => r.heading);
}

async function agentPassages(db: ScopedDb, scope: TenantScope, agentId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ text: string }[]>`
    SELECT c.text FROM "KnowledgeChunk" c
    JOIN "KnowledgeDocument" d ON d.id = c."documentId" AND d."tenantId" = c."tenantId"
    WHERE c."tenantId" = ${scope.tenantId} AND d.status = 'READY'
      AND (d."allAgents" OR EXISTS (SELECT 1 FROM "KnowledgeDocumentAgent" a WHERE a."documentId" = d.id AND a."agentId" = ${agentId}))
    LIMIT ${TERM_SAMPLE_PASSAGES}`;
  return rows.map((r) => r.text);
}

/** The phrases one agent's knowledge gives its callers. */
export async function knowledgePhrasesFor(scope: TenantScope, agentId: string, opts: { db?: Db } = {}): Promise<string[]> {
  const db = opts.db ? scopedDb(scope, opts.db) : scopedDb(scope);
  const [headings, passages, faqs] = await Promise.all([
    agentHeadings(db, scope, agentId),
    agentPassages(db, scope, agentId),
    db.faqEntry.findMany({
      where: { enabled: true, OR: [{ agentId }, { agentId: null }] },
      select: { question: true },
      orderBy: { createdAt: "asc" },
      take: MAX_FAQ_QUESTIONS,
    }),
  ]);
  return buildKnowledgePhrases({ headings, faqQuestions: faqs.map((f) => f.question), terms: frequentTerms(passages, { limit: MAX_TERMS }) });
}

/**
 * Rewrites Agent.knowledgePhrases for one agent, or for every agent of the tenant (agentId null: a
 * shared document or FAQ changed). An agent id of another tenant or a deleted agent is a no-op.
 * Returns how many agents were updated.
 */
export async function rebuildVocabulary(scope: TenantScope, agentId: string | null, opts: { db?: Db; signal?: AbortSignal } = {}): Promise<number> {
  const db = opts.db ? scopedDb(scope, opts.db) : scopedDb(scope);
  const agents = await db.agent.findMany({ where: agentId ? { id: agentId } : {}, select: { id: true }, orderBy: { createdAt: "asc" } });
  for (const agent of agents) {
    opts.signal?.throwIfAborted();
    const phrases = await knowledgePhrasesFor(scope, agent.id, opts);
    await db.agent.updateMany({ where: { id: agent.id }, data: { knowledgePhrases: phrases } });
  }
  return agents.length;
}
