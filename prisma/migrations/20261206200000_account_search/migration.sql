-- The search box's trigram indexes move from accounts to a narrow table of their own, kept in step
-- by triggers (prisma/post-migrate.sql). A write of accounts that changes neither name nor domain
-- (derived metrics, the daily refresh, firmographics) no longer inserts every trigram of both into
-- two GIN indexes: at 1,000,000 accounts the daily metrics refresh's update of every account took
-- 73.7 s with them on accounts and 53.4 s without (docs/benchmarks.md, session 10).

-- CreateTable
CREATE TABLE "account_search" (
    "account_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,

    CONSTRAINT "account_search_pkey" PRIMARY KEY ("account_id")
);

-- AddForeignKey
ALTER TABLE "account_search" ADD CONSTRAINT "account_search_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "account_search" ("account_id", "name", "domain") SELECT "id", "name", "domain" FROM "accounts";

CREATE INDEX "account_search_name_trgm_idx" ON "account_search" USING gin ("name" gin_trgm_ops);
CREATE INDEX "account_search_domain_trgm_idx" ON "account_search" USING gin ("domain" gin_trgm_ops);

DROP INDEX "accounts_name_trgm_idx";
DROP INDEX "accounts_domain_trgm_idx";
