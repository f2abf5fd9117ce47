-- Room on every page of account_segmentation for a changed row's new version, so an update that
-- changes no indexed column (segment_ids, the score breakdown) is HOT: no entry in any of the
-- table's five indexes (two of them GIN over arrays). Measured at 1,000,000 accounts: a new
-- segment's 315,211 entries wrote the rows in 9.5 s instead of 13.5 s (docs/benchmarks.md).
ALTER TABLE "account_segmentation" SET (fillfactor = 70);

-- Existing pages get the room only when the table is rewritten. CLUSTER (allowed in the migration's
-- transaction, unlike VACUUM FULL) rewrites it in account order and rebuilds its indexes, and drops
-- the dead space of earlier bulk rewrites (627 MB -> 238 MB at 1,000,000 accounts).
CLUSTER "account_segmentation" USING "account_segmentation_pkey";
