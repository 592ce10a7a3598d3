// npm run bench:kb -- --chunks 100000 [--tenants 10] [--other-chunks N] [--questions 1000] [--database-url URL] [--pglite]
// The knowledge base at size: a throwaway database (on the local PostgreSQL, or --pglite in memory),
// migrated; 1 + N tenants; the target tenant's generated corpus (generateCorpus) ingested THROUGH the
// worker's processDocument from a temp local storage, the other tenants' (same generator, other seeds,
// so the same words) ingested first so their rows share the index. Prints ingest pages/s (a "page" is
// 3,000 characters of extracted text) and chunks/s, then runs the labelled questions through
// searchDocuments per mode: p50/p95/p99 latency and recall@5. Goals: p95 ≤ 15 ms at 100k chunks,
// ingest ≥ 50 pages/s, full-text recall@5 ≥ 0.9. Prints figures; asserts nothing (machines are shared).
//   --database-url: the PostgreSQL SERVER to create the throwaway database on (default TEST_POSTGRES_URL).
//   --pglite: embedded PGlite with pgvector; documents are embedded with the test hash embedder so
//             vector and hybrid retrieval are measured too (default 5,000 chunks).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, setDb } from "../../lib/db/client";
import { startEmbeddedDatabase } from "../../lib/db/embedded";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { chunkDocument } from "../../lib/knowledge/chunk";
import { extractDocument } from "../../lib/knowledge/extract";
import { searchDocuments } from "../../lib/knowledge/search";
import { generateCorpus } from "../../lib/knowledge/testing/corpus";
import type { RetrievalMode } from "../../lib/knowledge/types";
import { hasVectorColumn } from "../../lib/knowledge/vector-support";
import { LocalStorage } from "../../lib/providers/storage/local";
import { createHashEmbedder } from "../../lib/test/hash-embedder";
import { systemScope } from "../../lib/tenant/system-scope";
import { ingestCorpus } from "./kb-ingest";
import { formatMode, measureMode, sampleQuestions } from "./kb-stats";

const { values } = parseArgs({
  options: {
    chunks: { type: "string" },
    tenants: { type: "string", default: "10" },
    "other-chunks": { type: "string" },
    questions: { type: "string", default: "1000" },
    "database-url": { type: "string" },
    pglite: { type: "boolean", default: false },
    concurrency: { type: "string", default: "2" },
  },
});
const pglite = values.pglite;
const targetChunks = Number(values.chunks ?? (pglite ? 5_000 : 100_000));
const otherTenants = Number(values.tenants);
// Each other tenant holds a tenth of the target's size by default: together as much again, in the same index.
const otherChunks = Number(values["other-chunks"] ?? Math.ceil(targetChunks / 10));
const maxQuestions = Number(values.questions);
const concurrency = Number(values.concurrency);
const PAGE_CHARS = 3_000;

/** Chunks one generated document turns into, to size the corpus for a chunk target. */
async function chunksPerDocument(): Promise<number> {
  const sample = generateCorpus({ seed: 99, documents: 20 });
  let total = 0;
  for (const d of sample.documents) total += chunkDocument(await extractDocument(Buffer.from(d.markdown), "markdown")).length;
  return total / sample.documents.length;
}

async function openDatabase(): Promise<{ url: string; label: string; drop: () => Promise<void> }> {
  if (pglite) {
    const e = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
    return { url: e.url, label: "PGlite (in memory, pgvector)", drop: () => e.stop() };
  }
  if (values["database-url"]) process.env.TEST_POSTGRES_URL = values["database-url"];
  // Imported here: it reads TEST_POSTGRES_URL when it loads.
  const { createThrowawayDatabase } = await import("../../lib/test/throwaway-postgres");
  const t = await createThrowawayDatabase("bench_kb");
  return { url: t.url, label: `PostgreSQL throwaway database ${t.name}`, drop: () => t.drop() };
}

async function main(): Promise<void> {
  const perDoc = await chunksPerDocument();
  const database = await openDatabase();
  const root = await mkdtemp(path.join(tmpdir(), "frontdesk-bench-kb-"));
  const storage = new LocalStorage(root);
  const db = createDb(database.url, { max: 10 });
  setDb(db); // searchDocuments and the pipeline's scoped clients use the process-wide client
  try {
    await applyMigrations(database.url);
    const vectors = await hasVectorColumn(db);
    const embedder = pglite && vectors ? createHashEmbedder() : null;
    console.log(`${database.label}; ${perDoc.toFixed(1)} chunks per generated document; embeddings: ${embedder ? "hash embedder (test)" : "none"}`);

    const tenants = [];
    for (let i = 0; i <= otherTenants; i++) {
      tenants.push(await db.tenant.create({ data: { name: `Bench tenant ${i}`, slug: `bench-kb-${i}-${Date.now()}` } }));
    }
    const [target, ...others] = tenants;
    const t0 = performance.now();
    for (const [i, t] of others.entries()) {
      const corpus = generateCorpus({ seed: 1000 + i, documents: Math.ceil(otherChunks / perDoc) });
      await ingestCorpus(db, storage, t.id, corpus, { concurrency: 4, embedder });
    }
    if (others.length) console.log(`other tenants: ${others.length} × ~${otherChunks} chunks ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const corpus = generateCorpus({ seed: 1, documents: Math.ceil(targetChunks / perDoc) });
    console.log(`target tenant: ingesting ${corpus.documents.length} documents through processDocument (concurrency ${concurrency}) ...`);
    const ingest = await ingestCorpus(db, storage, target!.id, corpus, {
      concurrency,
      embedder,
      onProgress: (n) => n % 1000 === 0 && console.log(`  ${n} / ${corpus.documents.length} documents`),
    });
    const pages = ingest.chars / PAGE_CHARS;
    console.log(
      `ingest: ${ingest.chunks} chunks, ${pages.toFixed(0)} pages (1 page = ${PAGE_CHARS} chars of extracted text), ${ingest.failed} failed, ` +
        `${ingest.seconds.toFixed(1)} s → ${(pages / ingest.seconds).toFixed(1)} pages/s, ${(ingest.chunks / ingest.seconds).toFixed(0)} chunks/s`,
    );
    // What autovacuum does after a bulk load; the planner needs the statistics for the GIN index.
    await db.$executeRawUnsafe(`ANALYZE "KnowledgeChunk"`);
    await db.$executeRawUnsafe(`ANALYZE "KnowledgeDocument"`);

    const questions = sampleQuestions(corpus.questions, maxQuestions);
    const scope = systemScope(target!.id, { reason: "worker:bench" });
    const search = (query: string, mode: RetrievalMode) => searchDocuments(scope, { query, mode, limit: 5, language: "en-US" }, { embedder });
    console.log(`retrieval: ${questions.length} of ${corpus.questions.length} labelled questions, top 5`);
    console.log(formatMode(await measureMode("fulltext", questions, ingest.documentIds, search)));
    for (const mode of ["vector", "hybrid"] as const) {
      if (!vectors) console.log(`${mode.padEnd(9)} n/a: no pgvector`);
      else console.log(formatMode(await measureMode(mode, questions, ingest.documentIds, search)));
    }
  } finally {
    setDb(undefined);
    await db.$disconnect();
    await database.drop();
    await rm(root, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
