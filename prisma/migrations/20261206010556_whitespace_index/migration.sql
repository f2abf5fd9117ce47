-- CreateIndex
CREATE INDEX "account_segmentation_whitespace_idx" ON "account_segmentation" USING GIN ("whitespace");

