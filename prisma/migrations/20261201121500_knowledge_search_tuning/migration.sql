-- Hand-written (nothing here is visible to schema.prisma): settings retrieval's speed depends on.

-- GIN's "fast update" parks new entries in an unsorted pending list until a vacuum merges them; every
-- search then scans the whole list (measured: 1-2.5 ms per lexeme lookup instead of ~3 µs after a
-- burst of uploads). Documents arrive in bursts and callers search right after, so entries go straight
-- into the index: ingest pays a little per chunk (still far above its goal), every search stays fast.
ALTER INDEX "KnowledgeChunk_tsv_idx" SET (fastupdate = off);

-- PostgreSQL's JIT compiler triggers on a plan's cost estimate, not its real cost: it spent ~12 ms
-- compiling a 1 ms retrieval query whose estimate was high. Every query here is short OLTP work, so
-- JIT only ever adds latency. Per database, where this role may set it; elsewhere a notice only.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'could not turn JIT off for this database (%); retrieval may pay JIT compilation on large plans', SQLERRM;
END
$$;
