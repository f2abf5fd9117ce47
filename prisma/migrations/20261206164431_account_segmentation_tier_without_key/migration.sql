-- Written by hand (prisma/schema.prisma keeps the relation for queries): account_segmentation.tier_id
-- loses its per-row foreign-key check. A first materialisation sets the tier of ~1,000,000 rows in
-- one statement, and the key's after-row trigger cost 14 s of it (923,443 checks at 1M accounts);
-- the tier ids are written only by lib/db/membership/ from the tiers table in the same transaction,
-- and tiers are archived, not deleted. prisma/post-migrate.sql keeps ON DELETE SET NULL once per
-- statement (tiers' ids are never updated).
ALTER TABLE "account_segmentation" DROP CONSTRAINT "account_segmentation_tier_id_fkey";
