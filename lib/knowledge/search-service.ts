// The Knowledge page's "test retrieval" box and POST /api/v1/knowledge/search: what an agent (or, with
// no agent, the whole knowledge base) would answer from, in the agent's language, with the time taken.
import { AppError } from "../errors";
import { getEmbeddingProvider } from "../providers/embeddings";
import type { TenantScope } from "../tenant/scope";
import { scopedDb } from "../tenant/scoped-db";
import { retrieveKnowledge } from "./retrieve";
import type { SearchInput } from "./schemas";
import type { KnowledgePassage } from "./types";

/** The test-retrieval box: what an agent (or the whole knowledge base) would answer from. */
export async function searchKnowledge(scope: TenantScope, input: SearchInput): Promise<{ passages: KnowledgePassage[]; tookMs: number }> {
  let language: string | undefined;
  if (input.agentId) {
    const agent = await scopedDb(scope).agent.findUnique({ where: { id: input.agentId }, select: { language: true } });
    if (!agent) throw new AppError("NOT_FOUND", "Agent not found", { field: "agentId" });
    language = agent.language;
  }
  const started = performance.now();
  const passages = await retrieveKnowledge(
    scope,
    { query: input.query, agentId: input.agentId ?? null, language, limit: input.limit, mode: input.mode },
    { embedder: getEmbeddingProvider() },
  );
  return { passages, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}
