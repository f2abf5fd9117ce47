-- A full recompute after a few accounts were updated recomputes only those accounts and the ones
-- whose value rank they moved (lib/db/membership/recompute-written.ts): input_writes says which
-- transactions marked every account they changed (its row rewritten: their xmin finds them), and
-- account_segmentation keeps the values each account was last ranked at (null until the next full
-- score pass fills them).

-- AlterTable
ALTER TABLE "account_segmentation" ADD COLUMN     "ranked_lifetime_value" DOUBLE PRECISION,
ADD COLUMN     "ranked_potential" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "input_writes" ADD COLUMN     "written_accounts_marked" BOOLEAN NOT NULL DEFAULT false;

