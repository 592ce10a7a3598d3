-- AlterEnum
ALTER TYPE "CallEndedReason" ADD VALUE 'PROVIDER_ERROR';

-- AlterEnum
ALTER TYPE "UsageKind" ADD VALUE 'TRANSFER_SECONDS';

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "ttsModel" TEXT;

-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "model" TEXT;
