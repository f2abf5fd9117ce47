-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "technology_categories" INTEGER NOT NULL DEFAULT 0;


-- Backfill: bit i = the i-th TechCategory value in enum order (prisma/post-migrate.sql keeps it).
UPDATE "accounts" a SET "technology_categories" = x.mask
FROM (
  SELECT at.account_id, bit_or(1 << (array_position(enum_range(NULL::"TechCategory"), t.category) - 1)) AS mask
  FROM "account_technologies" at JOIN "technologies" t ON t.id = at.technology_id
  GROUP BY at.account_id
) x
WHERE a.id = x.account_id;
