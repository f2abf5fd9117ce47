-- DropIndex
DROP INDEX "account_segmentation_tier_id_idx";

-- CreateIndex
CREATE INDEX "account_segmentation_tier_id_tier_rank_idx" ON "account_segmentation"("tier_id", "tier_rank");

