-- CreateEnum
CREATE TYPE "ConversationEngine" AS ENUM ('CASCADE', 'REALTIME');

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "conversationEngine" "ConversationEngine" NOT NULL DEFAULT 'CASCADE',
ADD COLUMN     "realtimeVoice" TEXT NOT NULL DEFAULT 'marin';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastTenantId" TEXT;

-- AlterTable
ALTER TABLE "UserSession" ADD COLUMN     "activeTenantId" TEXT;
