-- A full recompute after a few accounts were updated recomputes only those accounts and the ones
-- whose value rank they moved (lib/db/membership/recompute-written.ts): input_writes says which
-- transactions only updated accounts (their rows' xmin finds them), and account_segmentation keeps
-- the values each account was last ranked at (null until the next full score pass fills them).

-- AlterTable
ALTER TABLE "account_segmentation" ADD COLUMN     "ranked_lifetime_value" DOUBLE PRECISION,
ADD COLUMN     "ranked_potential" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "input_writes" ADD COLUMN     "account_updates_only" BOOLEAN NOT NULL DEFAULT false;

