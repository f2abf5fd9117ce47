-- Written by hand (prisma/schema.prisma keeps the relations for queries): account_segments loses
-- its per-row foreign-key checks, and prisma/post-migrate.sql deletes the rows of deleted accounts
-- and segments once per statement instead of the ON DELETE CASCADE.
ALTER TABLE "account_segments" DROP CONSTRAINT "account_segments_account_id_fkey";
ALTER TABLE "account_segments" DROP CONSTRAINT "account_segments_segment_id_fkey";
