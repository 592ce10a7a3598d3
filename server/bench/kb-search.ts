// Retrieval alone, measured where it is hard: one tenant's generated corpus (--chunks) among
// --others other tenants' (--other-chunks each), indexed straight through replaceChunks (one chunk per
// Markdown section; the full pipeline is npm run bench:kb). Prints full-text latency p50/p95/p99,
// recall@5 on the labelled questions, and the plans of a few queries. Asserts nothing.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kb_bench npx tsx server/bench/kb-search.ts -- --chunks 100000
// The database is kept: a rerun with the same figures reuses the indexed corpus (--fresh rebuilds it).
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createDb, setDb } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { replaceChunks } from "../../lib/knowledge/index-store";
import { searchDocuments } from "../../lib/knowledge/search";
import { generateCorpus } from "../../lib/knowledge/testing/corpus";
import type { ChunkDraft } from "../../lib/knowledge/types";
import { systemDb } from "../../lib/tenant/system-scope";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    chunks: { type: "string", default: "100000" },
    others: { type: "string", default: "10" },
    "other-chunks": { type: "string", default: "20000" },
    questions: { type: "string", default: "500" },
    fresh: { type: "boolean", default: false },
    dirty: { type: "boolean", default: false },
  },
});
const SECTIONS = 21; // the corpus's intro + 20 sections
const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL: the bench database (created beforehand, migrated here)");

/** One chunk per Markdown section: enough structure for retrieval; chunking has its own tests. */
function sectionChunks(markdown: string): ChunkDraft[] {
  const title = /^# (.*)$/m.exec(markdown)?.[1] ?? "";
  return markdown.split(/\n(?=## )/).map((part, ordinal) => {
    const h = /^## (.*)$/m.exec(part)?.[1];
    const text = part.replace(/^#{1,2} .*$/gm, "").replace(/\s+/g, " ").trim();
    return { ordinal, heading: h ? `${title} › ${h}` : title, page: null, text, tokenCount: Math.ceil(text.length / 4) };
  });
}

async function ingestTenant(db: ReturnType<typeof createDb>, slug: string, seed: number, chunks: number): Promise<{ tenantId: string; docIds: string[] }> {
  const existing = await db.tenant.findUnique({ where: { slug } });
  if (existing && !values.fresh) {
    const docs = await db.knowledgeDocument.findMany({ where: { tenantId: existing.id }, orderBy: { title: "asc" }, select: { id: true, sourceUrl: true } });
    const ids: string[] = [];
    for (const d of docs) ids[Number(d.sourceUrl)] = d.id;
    return { tenantId: existing.id, docIds: ids };
  }
  if (existing) await db.tenant.delete({ where: { slug } });
  const tenant = await db.tenant.create({ data: { name: slug, slug } });
  const corpus = generateCorpus({ seed, documents: Math.ceil(chunks / SECTIONS) });
  const { db: sdb } = systemDb(tenant.id, "worker:bench", db);
  const started = performance.now();
  const docIds: string[] = [];
  for (let i = 0; i < corpus.documents.length; i += 50) {
    await sdb.$transaction(async (tx) => {
      for (let j = i; j < Math.min(i + 50, corpus.documents.length); j++) {
        const d = corpus.documents[j]!;
        // sourceUrl keeps the document's corpus index for a rerun.
        const doc = await tx.knowledgeDocument.create({ data: { title: d.title, source: "TEXT", status: "READY", sourceUrl: String(j) } });
        await replaceChunks(tx, doc.id, sectionChunks(d.markdown), { language: "en-US" });
        docIds[j] = doc.id;
      }
    }, { timeout: 120_000 });
  }
  const s = (performance.now() - started) / 1000;
  console.log(`${slug}: ${corpus.documents.length} documents indexed in ${s.toFixed(1)} s`);
  return { tenantId: tenant.id, docIds };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  await applyMigrations(url!);
  const db = createDb(url!, { max: 4 });
  setDb(db);
  for (let k = 0; k < Number(values.others); k++) await ingestTenant(db, `bench-other-${k}`, 100 + k, Number(values["other-chunks"]));
  const main = await ingestTenant(db, "bench-main", 1, Number(values.chunks));
  // What autovacuum does after a bulk load: statistics, and the GIN pending list merged into the
  // index (until then every search scans the pending list; --dirty measures that state).
  if (!values.dirty) {
    await db.$executeRawUnsafe(`VACUUM ANALYZE "KnowledgeChunk"`);
    await db.$executeRawUnsafe(`VACUUM ANALYZE "KnowledgeDocument"`);
  }
  const [count] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "KnowledgeChunk"`;
  console.log(`chunks in the database: ${count?.n}`);

  const corpus = generateCorpus({ seed: 1, documents: Math.ceil(Number(values.chunks) / SECTIONS) });
  const step = Math.max(1, Math.floor(corpus.questions.length / Number(values.questions)));
  const questions = corpus.questions.filter((_, i) => i % step === 0).slice(0, Number(values.questions));
  const { scope } = systemDb(main.tenantId, "worker:bench", db);
  for (const q of questions.slice(0, 20)) await searchDocuments(scope, { query: q.question, mode: "fulltext" }); // warm-up
  const times: number[] = [];
  const slowest: { ms: number; question: string }[] = [];
  let hits = 0;
  const misses: string[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    const passages = await searchDocuments(scope, { query: q.question, mode: "fulltext", limit: 5 });
    const ms = performance.now() - t0;
    times.push(ms);
    slowest.push({ ms, question: q.question });
    if (passages.some((p) => p.documentId === main.docIds[q.documentIndex] && p.text.includes(q.expect))) hits++;
    else misses.push(`${q.question}  → expected "${q.expect}"; got ${passages.map((p) => p.title + " / " + p.heading.split(" › ").pop()).slice(0, 2).join("; ")}`);
  }
  times.sort((a, b) => a - b);
  console.log(`full-text over ${questions.length} questions: p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`);
  console.log(`recall@5: ${(hits / questions.length).toFixed(3)} (${hits}/${questions.length})`);
  console.log("some misses:\n  " + misses.slice(0, 12).join("\n  "));
  console.log("slowest:\n  " + slowest.sort((a, b) => b.ms - a.ms).slice(0, 5).map((s) => `${s.ms.toFixed(1)} ms  ${s.question}`).join("\n  "));
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
