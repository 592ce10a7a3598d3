// Everything an agent knows about a question in one ranked list: document passages (search.ts) and
// FAQ entries (faq-search.ts), the agent's own plus the shared ones. An FAQ that answers the question
// outright (nearly all of its words and of the question's matched) comes first: the business wrote
// that answer for exactly this question. The rest interleave by a score normalised to 0..1 on both
// sides, since BM25 over a few FAQ entries and the full-text rank of chunks are not comparable.
import type { EmbeddingProvider } from "../providers/embeddings/types";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import { rankFaq } from "./faq-search";
import { DEFAULT_LIMIT, MAX_LIMIT, searchDocuments } from "./search";
import type { KnowledgePassage, KnowledgeQuery } from "./types";

export interface FaqRecord {
  id: string;
  question: string;
  answer: string;
}

// The local responder's "strong" thresholds (providers/responder/local/answers.ts): an FAQ this sure
// answers the caller on its own.
const CONFIDENT = { query: 0.75, question: 0.6 };

/** Enabled FAQ entries the agent answers with (its own and the shared ones); every enabled one without an agent. */
async function loadFaq(scope: TenantScope, agentId: string | null): Promise<FaqRecord[]> {
  return scopedDb(scope).faqEntry.findMany({
    where: agentId ? { enabled: true, OR: [{ agentId }, { agentId: null }] } : { enabled: true },
    select: { id: true, question: true, answer: true },
    orderBy: { createdAt: "asc" },
  });
}

function faqPassages(entries: FaqRecord[], query: string): { passage: KnowledgePassage; confident: boolean }[] {
  return rankFaq(entries, query).map((m) => {
    const entry = entries[m.index]!;
    const confident = m.queryCoverage >= CONFIDENT.query && m.questionCoverage >= CONFIDENT.question;
    const normalised = (m.queryCoverage + m.questionCoverage) / 2;
    return {
      confident,
      passage: { source: "faq", id: entry.id, documentId: null, title: entry.question, heading: "", page: null, text: entry.answer, score: normalised },
    };
  });
}

export async function retrieveKnowledge(
  scope: TenantScope,
  q: KnowledgeQuery,
  deps: { embedder?: EmbeddingProvider | null; faq?: FaqRecord[] } = {},
): Promise<KnowledgePassage[]> {
  const limit = Math.min(Math.max(1, Math.floor(q.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  if (!q.query.trim()) return [];
  const [documents, faqEntries] = await Promise.all([
    searchDocuments(scope, { ...q, limit }, { embedder: deps.embedder }),
    deps.faq ? Promise.resolve(deps.faq) : loadFaq(scope, q.agentId ?? null),
  ]);
  const faq = faqPassages(faqEntries, q.query);

  // Document scores are ~0..1 in every mode (1: every query term covered, or first in both fused
  // lists); heading and phrase bonuses above 1 only order documents among themselves.
  const docs = documents.map((p) => ({ ...p, score: Math.min(p.score, 1) }));
  const first = faq.filter((f) => f.confident).map((f) => ({ ...f.passage, score: 1 + f.passage.score }));
  const rest = [...faq.filter((f) => !f.confident).map((f) => f.passage), ...docs].sort((a, b) => b.score - a.score);
  return [...first, ...rest].slice(0, limit).map((p) => ({ ...p, score: Math.round(p.score * 10_000) / 10_000 }));
}
