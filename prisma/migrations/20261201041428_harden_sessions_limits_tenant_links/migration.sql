-- AlterTable
ALTER TABLE "AuthThrottle" ADD COLUMN     "lockouts" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "idempotencyKey" TEXT;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "country" TEXT NOT NULL DEFAULT 'US';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "UserSession_userId_createdAt_idx" ON "UserSession"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "UserSession_expiresAt_idx" ON "UserSession"("expiresAt");

-- CreateIndex
CREATE INDEX "RateLimitBucket_updatedAt_idx" ON "RateLimitBucket"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_id_tenantId_key" ON "Agent"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Call_id_tenantId_key" ON "Call"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_name_idempotencyKey_key" ON "Job"("name", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeDocument_id_tenantId_key" ON "KnowledgeDocument"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "PhoneNumber_id_tenantId_key" ON "PhoneNumber"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_id_tenantId_key" ON "WebhookEndpoint"("id", "tenantId");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant-safe links (hand-written): every child that points at a tenant-owned parent also references
-- (id, tenantId), so the database itself refuses a row that links to another tenant's parent, whatever
-- the application code does. Prisma's own single-column foreign keys stay for the ORM. Optional links
-- clear only the id column on delete (SET NULL ("col"), PostgreSQL 15+), never tenantId.
-- lib/db/migrations/schema-engine.ts keeps the diff from proposing to drop these "*_tenant_fkey" constraints.
ALTER TABLE "PhoneNumber" ADD CONSTRAINT "PhoneNumber_agentId_tenant_fkey" FOREIGN KEY ("agentId", "tenantId") REFERENCES "Agent"("id", "tenantId") ON DELETE SET NULL ("agentId");
ALTER TABLE "KnowledgeDocument" ADD CONSTRAINT "KnowledgeDocument_agentId_tenant_fkey" FOREIGN KEY ("agentId", "tenantId") REFERENCES "Agent"("id", "tenantId") ON DELETE SET NULL ("agentId");
ALTER TABLE "FaqEntry" ADD CONSTRAINT "FaqEntry_agentId_tenant_fkey" FOREIGN KEY ("agentId", "tenantId") REFERENCES "Agent"("id", "tenantId") ON DELETE SET NULL ("agentId");
ALTER TABLE "Call" ADD CONSTRAINT "Call_agentId_tenant_fkey" FOREIGN KEY ("agentId", "tenantId") REFERENCES "Agent"("id", "tenantId") ON DELETE SET NULL ("agentId");
ALTER TABLE "Call" ADD CONSTRAINT "Call_phoneNumberId_tenant_fkey" FOREIGN KEY ("phoneNumberId", "tenantId") REFERENCES "PhoneNumber"("id", "tenantId") ON DELETE SET NULL ("phoneNumberId");
ALTER TABLE "Message" ADD CONSTRAINT "Message_agentId_tenant_fkey" FOREIGN KEY ("agentId", "tenantId") REFERENCES "Agent"("id", "tenantId") ON DELETE SET NULL ("agentId");
ALTER TABLE "Message" ADD CONSTRAINT "Message_callId_tenant_fkey" FOREIGN KEY ("callId", "tenantId") REFERENCES "Call"("id", "tenantId") ON DELETE SET NULL ("callId");
ALTER TABLE "UsageRecord" ADD CONSTRAINT "UsageRecord_callId_tenant_fkey" FOREIGN KEY ("callId", "tenantId") REFERENCES "Call"("id", "tenantId") ON DELETE SET NULL ("callId");
ALTER TABLE "KnowledgeChunk" ADD CONSTRAINT "KnowledgeChunk_documentId_tenant_fkey" FOREIGN KEY ("documentId", "tenantId") REFERENCES "KnowledgeDocument"("id", "tenantId") ON DELETE CASCADE;
ALTER TABLE "CallTurn" ADD CONSTRAINT "CallTurn_callId_tenant_fkey" FOREIGN KEY ("callId", "tenantId") REFERENCES "Call"("id", "tenantId") ON DELETE CASCADE;
ALTER TABLE "CallEvent" ADD CONSTRAINT "CallEvent_callId_tenant_fkey" FOREIGN KEY ("callId", "tenantId") REFERENCES "Call"("id", "tenantId") ON DELETE CASCADE;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_tenant_fkey" FOREIGN KEY ("endpointId", "tenantId") REFERENCES "WebhookEndpoint"("id", "tenantId") ON DELETE CASCADE;
