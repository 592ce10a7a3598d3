-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "address" TEXT,
ADD COLUMN     "services" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "voiceServerId" TEXT;

-- AlterTable
ALTER TABLE "CallTurn" ADD COLUMN     "endpointLatencyMs" INTEGER,
ADD COLUMN     "understood" BOOLEAN;

-- CreateIndex
CREATE INDEX "Call_status_heartbeatAt_idx" ON "Call"("status", "heartbeatAt");
