-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MANAGER', 'REP');

-- CreateEnum
CREATE TYPE "Region" AS ENUM ('NORTH_AMERICA', 'LATAM', 'EMEA', 'APAC');

-- CreateEnum
CREATE TYPE "LoyaltyStatus" AS ENUM ('NEW', 'REPEAT', 'ADVOCATE', 'AT_RISK', 'CHURNED');

-- CreateEnum
CREATE TYPE "UsageRate" AS ENUM ('HEAVY', 'MEDIUM', 'LIGHT', 'NONE');

-- CreateEnum
CREATE TYPE "JourneyStage" AS ENUM ('AWARENESS', 'CONSIDERATION', 'PURCHASE', 'RETENTION', 'ADVOCACY');

-- CreateEnum
CREATE TYPE "HostingPreference" AS ENUM ('CLOUD', 'ON_PREMISE', 'HYBRID');

-- CreateEnum
CREATE TYPE "DevicePreference" AS ENUM ('MAC', 'PC', 'MIXED', 'LINUX');

-- CreateEnum
CREATE TYPE "TechAdoption" AS ENUM ('INNOVATOR', 'EARLY_ADOPTER', 'EARLY_MAJORITY', 'LATE_MAJORITY', 'LAGGARD');

-- CreateEnum
CREATE TYPE "EngagementType" AS ENUM ('WEB_VISIT', 'EMAIL_OPEN', 'EMAIL_CLICK', 'MEETING', 'WEBINAR', 'EVENT');

-- CreateEnum
CREATE TYPE "CampaignChannel" AS ENUM ('EMAIL', 'WEBINAR', 'EVENT', 'PAID_SOCIAL', 'DIRECT_MAIL', 'PHONE');

-- CreateEnum
CREATE TYPE "CampaignOutcome" AS ENUM ('NO_RESPONSE', 'OPENED', 'CLICKED', 'REGISTERED', 'ATTENDED', 'REPLIED', 'MEETING_BOOKED', 'CONVERTED', 'UNSUBSCRIBED');

-- CreateEnum
CREATE TYPE "TechCategory" AS ENUM ('CRM', 'ERP', 'MARKETING_AUTOMATION', 'ANALYTICS', 'CLOUD_PLATFORM', 'DATABASE', 'COLLABORATION', 'ECOMMERCE', 'SECURITY', 'DEVOPS', 'OPERATING_SYSTEM', 'HARDWARE');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'REP',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "email" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMP(3) NOT NULL,
    "locked_until" TIMESTAMP(3),

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "industry" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "region" "Region" NOT NULL,
    "employee_count" INTEGER NOT NULL,
    "annual_revenue" DECIMAL(16,2) NOT NULL,
    "owner_id" TEXT,
    "potential" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "loyalty_status" "LoyaltyStatus" NOT NULL,
    "usage_rate" "UsageRate" NOT NULL,
    "journey_stage" "JourneyStage" NOT NULL,
    "benefits_sought" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "hosting_preference" "HostingPreference" NOT NULL,
    "device_preference" "DevicePreference" NOT NULL,
    "tech_adoption" "TechAdoption" NOT NULL,
    "lifetime_value" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "order_count" INTEGER NOT NULL DEFAULT 0,
    "avg_order_value" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "orders_12m" INTEGER NOT NULL DEFAULT 0,
    "first_order_at" DATE,
    "last_order_at" DATE,
    "days_since_last_order" INTEGER,
    "engagement_30d" INTEGER NOT NULL DEFAULT 0,
    "engagement_90d" INTEGER NOT NULL DEFAULT 0,
    "engagement_score" INTEGER NOT NULL DEFAULT 0,
    "metrics_as_of" DATE,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" SERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "ordered_at" DATE NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "product_line" TEXT NOT NULL,
    "external_id" TEXT,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engagement_events" (
    "id" SERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "type" "EngagementType" NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "detail" TEXT,
    "external_id" TEXT,

    CONSTRAINT "engagement_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_responses" (
    "id" SERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "campaign" TEXT NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "responded_at" DATE NOT NULL,
    "outcome" "CampaignOutcome" NOT NULL,

    CONSTRAINT "campaign_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "technologies" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "category" "TechCategory" NOT NULL,

    CONSTRAINT "technologies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_technologies" (
    "account_id" INTEGER NOT NULL,
    "technology_id" INTEGER NOT NULL,
    "first_detected_at" DATE NOT NULL,
    "last_detected_at" DATE NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "account_technologies_pkey" PRIMARY KEY ("account_id","technology_id")
);

-- CreateTable
CREATE TABLE "tiers" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "tiers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_segmentation" (
    "account_id" INTEGER NOT NULL,
    "tier_id" INTEGER,
    "tier_rank" INTEGER NOT NULL DEFAULT 9999,
    "priority_score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "score_value" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "score_fit" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "score_engagement" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "account_segmentation_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "tier_scheme_draft" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "definition" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by_id" TEXT,

    CONSTRAINT "tier_scheme_draft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tier_scheme_versions" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "note" TEXT NOT NULL,
    "published_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by_id" TEXT,
    "restored_from" INTEGER,

    CONSTRAINT "tier_scheme_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segments" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'TECHNOGRAPHIC',
    "color" TEXT NOT NULL DEFAULT '#6366f1',
    "draft_rule" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "published_version" INTEGER,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by_id" TEXT,

    CONSTRAINT "segments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_versions" (
    "id" SERIAL NOT NULL,
    "segment_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "rule" JSONB NOT NULL,
    "note" TEXT NOT NULL,
    "published_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by_id" TEXT,
    "restored_from" INTEGER,

    CONSTRAINT "segment_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_segments" (
    "account_id" INTEGER NOT NULL,
    "segment_id" INTEGER NOT NULL,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_segments_pkey" PRIMARY KEY ("segment_id","account_id")
);

-- CreateTable
CREATE TABLE "membership_events" (
    "id" BIGSERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scope" TEXT NOT NULL,
    "tier_id" INTEGER,
    "from_tier_id" INTEGER,
    "segment_id" INTEGER,
    "change" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "rule_version" INTEGER,
    "detail" TEXT,

    CONSTRAINT "membership_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scoring_config" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "value_weight" DOUBLE PRECISION NOT NULL DEFAULT 50,
    "fit_weight" DOUBLE PRECISION NOT NULL DEFAULT 30,
    "engagement_weight" DOUBLE PRECISION NOT NULL DEFAULT 20,
    "ideal_profile" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "scoring_config_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_mappings" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_domain_key" ON "accounts"("domain");

-- CreateIndex
CREATE INDEX "accounts_industry_idx" ON "accounts"("industry");

-- CreateIndex
CREATE INDEX "accounts_region_idx" ON "accounts"("region");

-- CreateIndex
CREATE INDEX "accounts_journey_stage_idx" ON "accounts"("journey_stage");

-- CreateIndex
CREATE INDEX "accounts_loyalty_status_idx" ON "accounts"("loyalty_status");

-- CreateIndex
CREATE INDEX "accounts_lifetime_value_idx" ON "accounts"("lifetime_value");

-- CreateIndex
CREATE INDEX "accounts_order_count_idx" ON "accounts"("order_count");

-- CreateIndex
CREATE INDEX "accounts_avg_order_value_idx" ON "accounts"("avg_order_value");

-- CreateIndex
CREATE INDEX "accounts_orders_12m_idx" ON "accounts"("orders_12m");

-- CreateIndex
CREATE INDEX "accounts_last_order_at_idx" ON "accounts"("last_order_at");

-- CreateIndex
CREATE INDEX "accounts_engagement_score_idx" ON "accounts"("engagement_score");

-- CreateIndex
CREATE INDEX "accounts_employee_count_idx" ON "accounts"("employee_count");

-- CreateIndex
CREATE INDEX "accounts_annual_revenue_idx" ON "accounts"("annual_revenue");

-- CreateIndex
CREATE INDEX "accounts_potential_idx" ON "accounts"("potential");

-- CreateIndex
CREATE INDEX "accounts_name_idx" ON "accounts"("name");

-- CreateIndex
CREATE INDEX "accounts_owner_id_lifetime_value_idx" ON "accounts"("owner_id", "lifetime_value");

-- CreateIndex
CREATE INDEX "orders_account_id_ordered_at_idx" ON "orders"("account_id", "ordered_at");

-- CreateIndex
CREATE UNIQUE INDEX "orders_account_id_external_id_key" ON "orders"("account_id", "external_id");

-- CreateIndex
CREATE INDEX "engagement_events_account_id_occurred_at_idx" ON "engagement_events"("account_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "engagement_events_account_id_external_id_key" ON "engagement_events"("account_id", "external_id");

-- CreateIndex
CREATE INDEX "campaign_responses_account_id_responded_at_idx" ON "campaign_responses"("account_id", "responded_at");

-- CreateIndex
CREATE UNIQUE INDEX "technologies_name_key" ON "technologies"("name");

-- CreateIndex
CREATE INDEX "technologies_category_idx" ON "technologies"("category");

-- CreateIndex
CREATE INDEX "account_technologies_technology_id_account_id_idx" ON "account_technologies"("technology_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "tiers_key_key" ON "tiers"("key");

-- CreateIndex
CREATE INDEX "account_segmentation_tier_rank_priority_score_account_id_idx" ON "account_segmentation"("tier_rank", "priority_score" DESC, "account_id");

-- CreateIndex
CREATE INDEX "account_segmentation_tier_id_idx" ON "account_segmentation"("tier_id");

-- CreateIndex
CREATE UNIQUE INDEX "tier_scheme_versions_version_key" ON "tier_scheme_versions"("version");

-- CreateIndex
CREATE UNIQUE INDEX "segments_name_key" ON "segments"("name");

-- CreateIndex
CREATE UNIQUE INDEX "segment_versions_segment_id_version_key" ON "segment_versions"("segment_id", "version");

-- CreateIndex
CREATE INDEX "account_segments_account_id_idx" ON "account_segments"("account_id");

-- CreateIndex
CREATE INDEX "membership_events_account_id_at_idx" ON "membership_events"("account_id", "at");

-- CreateIndex
CREATE INDEX "membership_events_segment_id_at_idx" ON "membership_events"("segment_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "import_mappings_kind_name_key" ON "import_mappings"("kind", "name");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_responses" ADD CONSTRAINT "campaign_responses_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_technologies" ADD CONSTRAINT "account_technologies_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_technologies" ADD CONSTRAINT "account_technologies_technology_id_fkey" FOREIGN KEY ("technology_id") REFERENCES "technologies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_segmentation" ADD CONSTRAINT "account_segmentation_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_segmentation" ADD CONSTRAINT "account_segmentation_tier_id_fkey" FOREIGN KEY ("tier_id") REFERENCES "tiers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_segments" ADD CONSTRAINT "account_segments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_segments" ADD CONSTRAINT "account_segments_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Search on name and domain uses trigram indexes (ILIKE '%term%').
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "accounts_name_trgm_idx" ON "accounts" USING gin ("name" gin_trgm_ops);
CREATE INDEX "accounts_domain_trgm_idx" ON "accounts" USING gin ("domain" gin_trgm_ops);

-- Derived metrics are rewritten daily (time-based windows): leave room on each page so those
-- updates can stay on the page (HOT) instead of touching every index.
ALTER TABLE "accounts" SET (fillfactor = 70);
