// Figures for the knowledge benchmark (kb.ts): latency percentiles and recall@5 of a question set run
// through searchDocuments, one retrieval mode at a time.
import type { CorpusQuestion } from "../../lib/knowledge/testing/corpus";
import type { KnowledgePassage, RetrievalMode } from "../../lib/knowledge/types";

export interface ModeResult {
  mode: RetrievalMode;
  queries: number;
  p50: number;
  p95: number;
  p99: number;
  recallAt5: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)]!;
}

/** Every n-th question, so a large set is sampled evenly across documents. */
export function sampleQuestions(questions: CorpusQuestion[], max: number): CorpusQuestion[] {
  if (questions.length <= max) return questions;
  const step = questions.length / max;
  return Array.from({ length: max }, (_, i) => questions[Math.floor(i * step)]!);
}

/** Right when a top-5 passage is from the question's document and holds its expected phrase. */
export const isHit = (passages: KnowledgePassage[], documentId: string, expect: string) =>
  passages.slice(0, 5).some((p) => p.documentId === documentId && p.text.toLowerCase().includes(expect.toLowerCase()));

export async function measureMode(
  mode: RetrievalMode,
  questions: CorpusQuestion[],
  documentIds: string[],
  search: (query: string, mode: RetrievalMode) => Promise<KnowledgePassage[]>,
  warmup = 20,
): Promise<ModeResult> {
  // Warm-up: plans cached, pages in memory, as in a running server.
  for (const q of questions.slice(0, warmup)) await search(q.question, mode);
  const times: number[] = [];
  let hits = 0;
  for (const q of questions) {
    const t0 = performance.now();
    const passages = await search(q.question, mode);
    times.push(performance.now() - t0);
    if (isHit(passages, documentIds[q.documentIndex]!, q.expect)) hits++;
  }
  times.sort((a, b) => a - b);
  return { mode, queries: questions.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), recallAt5: hits / questions.length };
}

export const formatMode = (r: ModeResult) =>
  `${r.mode.padEnd(9)} p50 ${r.p50.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  recall@5 ${r.recallAt5.toFixed(3)}  (${r.queries} questions)`;
