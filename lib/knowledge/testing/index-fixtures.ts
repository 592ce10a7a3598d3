// Test support for the retrieval tests: a document with its chunks written the way the pipeline
// writes them (a document row, then replaceChunks in one transaction), without files or a queue.
import { systemDb } from "../../tenant/system-scope";
import type { TenantScope } from "../../tenant/scope";
import { replaceChunks } from "../index-store";
import type { ChunkDraft } from "../types";

export interface FixtureChunk {
  heading?: string;
  text: string;
  page?: number | null;
}

export function drafts(chunks: FixtureChunk[]): ChunkDraft[] {
  return chunks.map((c, ordinal) => ({ ordinal, heading: c.heading ?? "", page: c.page ?? null, text: c.text, tokenCount: Math.ceil(c.text.length / 4) }));
}

/** A document of `tenantId` with these chunks; READY unless told, shared with all agents unless `agentIds` is given. */
export async function indexDocument(
  tenantId: string,
  title: string,
  chunks: FixtureChunk[],
  opts: { language?: string; status?: "READY" | "QUEUED" | "INDEXING" | "FAILED"; agentIds?: string[]; embeddings?: number[][] } = {},
): Promise<{ scope: TenantScope; documentId: string }> {
  const { scope, db } = systemDb(tenantId, "worker:test");
  const language = opts.language ?? "en-US";
  const documentId = await db.$transaction(async (tx) => {
    const doc = await tx.knowledgeDocument.create({
      data: {
        title,
        source: "TEXT",
        language,
        status: opts.status ?? "READY",
        allAgents: !opts.agentIds,
      },
    });
    if (opts.agentIds) await tx.knowledgeDocumentAgent.createMany({ data: opts.agentIds.map((agentId) => ({ documentId: doc.id, agentId })) });
    await replaceChunks(tx, doc.id, drafts(chunks), { language, embeddings: opts.embeddings ?? null });
    return doc.id;
  });
  return { scope, documentId };
}

/** An agent of the tenant (the fields the schema requires, nothing else). */
export async function createAgent(tenantId: string, name = "Reception"): Promise<string> {
  const { db } = systemDb(tenantId, "worker:test");
  const agent = await db.agent.create({ data: { name, greeting: "Hello", systemPrompt: "Be helpful.", businessHours: {} } });
  return agent.id;
}
