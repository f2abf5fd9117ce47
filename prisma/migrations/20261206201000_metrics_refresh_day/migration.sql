-- The daily refresh rewrites only the accounts whose time-based metrics changed, not every
-- account for its day (lib/db/metrics.ts): a metric-by-metric unchanged account is current as of
-- the last refresh's day, kept once here. An account's metrics are as of
-- GREATEST(accounts.metrics_as_of, metrics_refresh.day). Days since the last order are computed
-- from the last order's date where they are shown (rules always did), instead of being stored:
-- the stored count changed every day for every account that ever ordered.

-- AlterTable
ALTER TABLE "accounts" DROP COLUMN "days_since_last_order";

-- CreateTable
CREATE TABLE "metrics_refresh" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "day" DATE NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metrics_refresh_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "metrics_refresh" ADD CONSTRAINT "metrics_refresh_one_row" CHECK ("id" = 1);

-- Every account was refreshed at least as of the oldest day any account's metrics are as of
-- (only when every account's metrics were computed: otherwise the next refresh sets it).
INSERT INTO "metrics_refresh" ("id", "day")
  SELECT 1, min("metrics_as_of") FROM "accounts" HAVING count(*) > 0 AND count(*) = count("metrics_as_of");
