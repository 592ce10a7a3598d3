-- Knowledge base: the document pipeline's stages, documents assigned to several agents (or all), chunks
-- that carry their heading and page, a per-document full-text configuration, and a storage quota.

-- AlterEnum: PENDING/PROCESSING become QUEUED (nothing processed documents before this migration).
BEGIN;
CREATE TYPE "DocumentStatus_new" AS ENUM ('QUEUED', 'EXTRACTING', 'CHUNKING', 'INDEXING', 'READY', 'FAILED');
ALTER TABLE "public"."KnowledgeDocument" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "KnowledgeDocument" ALTER COLUMN "status" TYPE "DocumentStatus_new"
  USING (CASE "status"::text WHEN 'READY' THEN 'READY' WHEN 'FAILED' THEN 'FAILED' ELSE 'QUEUED' END)::"DocumentStatus_new";
ALTER TYPE "DocumentStatus" RENAME TO "DocumentStatus_old";
ALTER TYPE "DocumentStatus_new" RENAME TO "DocumentStatus";
DROP TYPE "public"."DocumentStatus_old";
ALTER TABLE "KnowledgeDocument" ALTER COLUMN "status" SET DEFAULT 'QUEUED';
COMMIT;

-- CreateTable
CREATE TABLE "KnowledgeDocumentAgent" (
    "tenantId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnowledgeDocumentAgent_pkey" PRIMARY KEY ("documentId","agentId")
);

-- AlterTable
ALTER TABLE "KnowledgeDocument" ADD COLUMN     "allAgents" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "charCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "extractedText" TEXT,
ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en-US',
ADD COLUMN     "pageCount" INTEGER,
ADD COLUMN     "processingStartedAt" TIMESTAMP(3);

-- Hand-written: a document kept to one agent keeps that agent as its only assignment.
INSERT INTO "KnowledgeDocumentAgent" ("tenantId", "documentId", "agentId")
  SELECT "tenantId", "id", "agentId" FROM "KnowledgeDocument" WHERE "agentId" IS NOT NULL;
UPDATE "KnowledgeDocument" SET "allAgents" = false WHERE "agentId" IS NOT NULL;

-- DropForeignKey (the composite "_agentId_tenant_fkey" goes with the column)
ALTER TABLE "KnowledgeDocument" DROP CONSTRAINT "KnowledgeDocument_agentId_fkey";

-- DropIndex
DROP INDEX "KnowledgeDocument_tenantId_agentId_idx";

ALTER TABLE "KnowledgeDocument" DROP COLUMN "agentId";

-- Hand-written: earlier rows may share a hash (nothing checked it); keep the oldest's, clear the rest.
UPDATE "KnowledgeDocument" d SET "contentHash" = NULL
  WHERE "contentHash" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "KnowledgeDocument" o
    WHERE o."tenantId" = d."tenantId" AND o."contentHash" = d."contentHash" AND (o."createdAt", o."id") < (d."createdAt", d."id"));

-- AlterTable
ALTER TABLE "KnowledgeChunk" ADD COLUMN     "heading" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "page" INTEGER,
ADD COLUMN     "tsConfig" regconfig NOT NULL DEFAULT 'english'::regconfig;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "maxKnowledgeMegabytes" INTEGER NOT NULL DEFAULT 100;

-- CreateIndex
CREATE INDEX "KnowledgeDocumentAgent_tenantId_agentId_idx" ON "KnowledgeDocumentAgent"("tenantId", "agentId");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeDocument_tenantId_contentHash_key" ON "KnowledgeDocument"("tenantId", "contentHash");

-- AddForeignKey
ALTER TABLE "KnowledgeDocumentAgent" ADD CONSTRAINT "KnowledgeDocumentAgent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeDocumentAgent" ADD CONSTRAINT "KnowledgeDocumentAgent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "KnowledgeDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeDocumentAgent" ADD CONSTRAINT "KnowledgeDocumentAgent_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────── Hand-written: what schema.prisma cannot express ─────────────────────────
-- The assignment references its document and agent by (id, tenantId) too, so the database refuses a
-- link across tenants (like every other child, see the tenant-links migration).
ALTER TABLE "KnowledgeDocumentAgent" ADD CONSTRAINT "KnowledgeDocumentAgent_documentId_tenant_fkey" FOREIGN KEY ("documentId", "tenantId") REFERENCES "KnowledgeDocument"("id", "tenantId") ON DELETE CASCADE;
ALTER TABLE "KnowledgeDocumentAgent" ADD CONSTRAINT "KnowledgeDocumentAgent_agentId_tenant_fkey" FOREIGN KEY ("agentId", "tenantId") REFERENCES "Agent"("id", "tenantId") ON DELETE CASCADE;

-- KnowledgeChunk.tsv regenerated: the heading weighted A (a match there says what the passage is
-- about), the text B, both in the document language's configuration. to_tsvector(regconfig, text) is
-- immutable, so a per-row configuration column may drive a STORED generated column.
ALTER TABLE "KnowledgeChunk" DROP COLUMN "tsv";
ALTER TABLE "KnowledgeChunk" ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector("tsConfig", "heading"), 'A') || setweight(to_tsvector("tsConfig", "text"), 'B')
) STORED;
CREATE INDEX "KnowledgeChunk_tsv_idx" ON "KnowledgeChunk" USING GIN ("tsv");
