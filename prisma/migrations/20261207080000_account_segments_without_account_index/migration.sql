-- An account's account_segments rows are found through the key (segment_id, account_id), by the
-- segment ids its account_segmentation row holds. The (account_id) index was maintained on every
-- segment row written (a new segment's first materialisation at 1,000,000 accounts writes 343,152).

-- DropIndex
DROP INDEX "account_segments_account_id_idx";
