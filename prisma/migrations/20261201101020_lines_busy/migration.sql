-- AlterEnum
ALTER TYPE "CallEndedReason" ADD VALUE 'LINES_BUSY';
