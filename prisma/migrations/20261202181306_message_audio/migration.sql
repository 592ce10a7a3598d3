-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "audioEndMs" INTEGER,
ADD COLUMN     "audioStartMs" INTEGER;

-- Hand-written: a range is whole (both ends) and runs forward, or is absent (a CHECK passes on NULL, hence IS NOT NULL).
ALTER TABLE "Message" ADD CONSTRAINT "Message_audio_range_check" CHECK (
  ("audioStartMs" IS NULL AND "audioEndMs" IS NULL)
  OR ("audioStartMs" IS NOT NULL AND "audioEndMs" IS NOT NULL AND "audioStartMs" >= 0 AND "audioEndMs" > "audioStartMs")
);
