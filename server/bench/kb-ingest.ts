// Ingestion for the knowledge benchmark: a tenant's corpus documents stored like uploads (in a temp
// local storage), written QUEUED, and taken through the worker's processDocument, `concurrency` at a
// time like the worker's job concurrency.
import { createHash } from "node:crypto";
import pino from "pino";
import type { Db } from "../../lib/db/client";
import { processDocument } from "../../lib/knowledge/pipeline";
import type { Corpus } from "../../lib/knowledge/testing/corpus";
import type { EmbeddingProvider } from "../../lib/providers/embeddings/types";
import type { StorageProvider } from "../../lib/providers/storage/types";
import { systemScope } from "../../lib/tenant/system-scope";

const quiet = pino({ level: "silent" });

export interface IngestResult {
  documentIds: string[];
  seconds: number;
  chars: number;
  chunks: number;
  failed: number;
}

export async function ingestCorpus(
  db: Db,
  storage: StorageProvider,
  tenantId: string,
  corpus: Corpus,
  opts: { concurrency: number; embedder: EmbeddingProvider | null; onProgress?: (done: number) => void },
): Promise<IngestResult> {
  const rows = corpus.documents.map((d, i) => {
    const bytes = Buffer.from(d.markdown, "utf8");
    const id = `bench${tenantId.slice(-6)}${String(i).padStart(8, "0")}`;
    return { id, bytes, title: d.title, storageKey: `tenants/${tenantId}/knowledge/${id}/doc.md`, contentHash: createHash("sha256").update(bytes).digest("hex") };
  });
  for (const r of rows) await storage.put(r.storageKey, r.bytes, { contentType: "text/markdown", size: r.bytes.length });
  for (let i = 0; i < rows.length; i += 1000) {
    await db.knowledgeDocument.createMany({
      data: rows.slice(i, i + 1000).map((r) => ({
        id: r.id, tenantId, title: r.title, source: "UPLOAD" as const, fileName: "doc.md", mimeType: "text/markdown",
        sizeBytes: r.bytes.length, storageKey: r.storageKey, contentHash: r.contentHash,
      })),
    });
  }

  const scope = systemScope(tenantId, { reason: "worker:knowledge" });
  let next = 0;
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  const lane = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const outcome = await processDocument(scope, rows[i]!.id, { db, storage, embedder: opts.embedder, logger: quiet });
      if (outcome !== "ready") failed++;
      if (++done % 250 === 0) opts.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  const seconds = (performance.now() - t0) / 1000;

  const totals = await db.knowledgeDocument.aggregate({ where: { tenantId }, _sum: { charCount: true, chunkCount: true } });
  return { documentIds: rows.map((r) => r.id), seconds, chars: totals._sum.charCount ?? 0, chunks: totals._sum.chunkCount ?? 0, failed };
}
