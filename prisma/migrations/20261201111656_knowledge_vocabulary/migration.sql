-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "knowledgePhrases" TEXT[] DEFAULT ARRAY[]::TEXT[];
