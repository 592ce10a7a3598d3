// Whether this database has the pgvector copy of the embeddings (KnowledgeChunk."embeddingVec" and
// its HNSW index): the init migration adds it only where the server ships the extension (PGlite and
// hosted PostgreSQL do, Debian's PostgreSQL 15 does not). A process talks to one database, so the
// answer is asked once and kept.
import type { Prisma } from "../db/generated/client";

type RawQuery = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Dimensions of the "embeddingVec" column; embeddings of another length are kept in "embedding" only. */
export const VECTOR_DIMENSIONS = 1536;

let known: Promise<boolean> | undefined;

export function hasVectorColumn(db: RawQuery): Promise<boolean> {
  known ??= db
    .$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'KnowledgeChunk' AND column_name = 'embeddingVec'`
    .then(([row]) => (row?.n ?? 0) > 0)
    .catch((err: unknown) => {
      known = undefined; // a failed probe (connection lost) is asked again next time
      throw err;
    });
  return known;
}
