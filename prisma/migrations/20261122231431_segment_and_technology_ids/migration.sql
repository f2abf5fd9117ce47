-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "technology_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "account_segmentation" ADD COLUMN     "segment_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- CreateIndex
CREATE INDEX "accounts_technology_ids_idx" ON "accounts" USING GIN ("technology_ids");


-- Existing data: each array holds the same set as the rows it mirrors.
UPDATE "accounts" a SET "technology_ids" = t.ids
FROM (SELECT account_id, array_agg(DISTINCT technology_id ORDER BY technology_id) AS ids FROM account_technologies GROUP BY account_id) t
WHERE t.account_id = a.id;

UPDATE "account_segmentation" r SET "segment_ids" = m.ids
FROM (SELECT account_id, array_agg(segment_id ORDER BY segment_id) AS ids FROM account_segments GROUP BY account_id) m
WHERE m.account_id = r.account_id;
