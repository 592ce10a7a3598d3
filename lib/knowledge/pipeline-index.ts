// The last stage: embeddings (when the process has a provider), then ONE transaction that swaps the
// document's chunks, marks it READY with its counts, and enqueues the vocabulary rebuild of the agents
// that answer from it. Until that commit the previous chunk set (or none) stays visible; a run killed
// anywhere before it leaves nothing half-written.
import type { EmbeddingProvider } from "../providers/embeddings/types";
import type { ScopedDb, ScopedTx } from "../tenant/scoped-db";
import type { TenantScope } from "../tenant/scope";
import { enqueueVocabularyRebuild } from "../jobs/knowledge/rebuild-vocabulary";
import { replaceChunks } from "./index-store";
import { completeClaim, type Claim } from "./pipeline-claim";
import type { ChunkDraft, ExtractedDocument } from "./types";

/** Texts per embedding request: well under the vendor limits, few enough round trips for a long document. */
export const EMBED_BATCH = 64;
/** The preview keeps the start of the text; the chunks keep all of it. */
export const EXTRACTED_TEXT_LIMIT = 200_000;
// Swapping the chunks of a very long document (tens of thousands of rows) takes longer than Prisma's 5 s default.
const INDEX_TX_TIMEOUT_MS = 120_000;

/** The text as the preview shows it: headings and paragraphs, one per line block. */
export function renderText(doc: ExtractedDocument): string {
  return doc.blocks.map((b) => b.text).join("\n\n");
}

export async function embedChunks(embedder: EmbeddingProvider, drafts: ChunkDraft[], signal?: AbortSignal): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let i = 0; i < drafts.length; i += EMBED_BATCH) {
    signal?.throwIfAborted();
    // The heading says what a passage is about; embedding it with the text is what makes it findable.
    const batch = drafts.slice(i, i + EMBED_BATCH).map((d) => (d.heading ? `${d.heading}\n${d.text}` : d.text));
    vectors.push(...(await embedder.embed(batch, { signal })));
  }
  return vectors;
}

/** Agents whose vocabulary depends on this document: null = every agent (a shared document). */
export async function affectedAgents(db: ScopedDb | ScopedTx, documentId: string, allAgents: boolean): Promise<(string | null)[]> {
  if (allAgents) return [null];
  const links = await db.knowledgeDocumentAgent.findMany({ where: { documentId }, select: { agentId: true } });
  return links.map((l) => l.agentId);
}

export async function commitIndex(
  scope: TenantScope,
  db: ScopedDb,
  claim: Claim,
  input: { extracted: ExtractedDocument; drafts: ChunkDraft[]; language: string; embeddings: number[][] | null; allAgents: boolean },
): Promise<void> {
  const text = renderText(input.extracted);
  await db.$transaction(
    async (tx) => {
      // The claim check first: it locks the row, so a reclaiming run waits for this commit or finds READY.
      await completeClaim(tx, claim, {
        pageCount: input.extracted.pageCount,
        chunkCount: input.drafts.length,
        charCount: text.length,
        extractedText: text.slice(0, EXTRACTED_TEXT_LIMIT),
      });
      await replaceChunks(tx, claim.documentId, input.drafts, { language: input.language, embeddings: input.embeddings });
      await enqueueVocabularyRebuild(tx, scope, await affectedAgents(tx, claim.documentId, input.allAgents));
    },
    { timeout: INDEX_TX_TIMEOUT_MS, maxWait: 30_000 },
  );
}
