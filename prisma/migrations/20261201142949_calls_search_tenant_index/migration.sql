-- Hand-written (nothing here is visible to schema.prisma): the transcript search's index leads with the
-- tenant, where the server has btree_gin.
--
-- A search runs for one tenant, but "CallTurn_tsv_idx" holds every tenant's turns: a phrase one tenant
-- said 5,000 times matched 107,000 turns of 20 tenants, and the heap visits to drop the others' took
-- ~850 ms (bench:calls, 1M calls). A GIN index on ("tenantId", "tsv") answers the tenant's matches
-- only (~90 ms cold there). btree_gin (contrib, a trusted extension) gives text its GIN operator
-- class. Where it is missing (the embedded PGlite, which holds small data) the plain index stays. A
-- role that may not create the extension gets a notice instead of a failed migration.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin') THEN
    BEGIN
      EXECUTE 'CREATE EXTENSION IF NOT EXISTS btree_gin';
      EXECUTE 'CREATE INDEX "CallTurn_tenantId_tsv_idx" ON "CallTurn" USING GIN ("tenantId", "tsv")';
      -- Nothing searches across tenants; one GIN index less to update per turn written.
      EXECUTE 'DROP INDEX "CallTurn_tsv_idx"';
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'btree_gin not created (%); transcript search keeps the index on "tsv" alone', SQLERRM;
    END;
  END IF;
END
$$;
