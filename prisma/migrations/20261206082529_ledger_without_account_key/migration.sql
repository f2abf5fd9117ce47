-- DropForeignKey
ALTER TABLE "membership_events" DROP CONSTRAINT "membership_events_account_id_fkey";

-- DropIndex
DROP INDEX "membership_events_segment_id_at_idx";

-- DropIndex
DROP INDEX "membership_events_play_id_at_idx";

-- DropIndex
DROP INDEX "membership_events_at_idx";

-- CreateIndex
CREATE INDEX "membership_events_at_idx" ON "membership_events" USING BRIN ("at");

