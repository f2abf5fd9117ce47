-- CreateEnum
CREATE TYPE "PlayKind" AS ENUM ('UPSELL', 'CROSS_SELL', 'MIGRATION', 'RETENTION', 'EXPANSION');

-- CreateEnum
CREATE TYPE "PlayOutcomeKind" AS ENUM ('CONTACTED', 'MEETING_BOOKED', 'WON', 'LOST', 'NOT_A_FIT', 'SNOOZED');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "changes_seen_at" TIMESTAMP(3),
ADD COLUMN     "daily_capacity" INTEGER NOT NULL DEFAULT 20;

-- AlterTable
ALTER TABLE "account_segmentation" ADD COLUMN     "play_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "whitespace" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "membership_events" ADD COLUMN     "play_id" INTEGER;

-- CreateTable
CREATE TABLE "plays" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "draft" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "published_version" INTEGER,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by_id" TEXT,

    CONSTRAINT "plays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "play_versions" (
    "id" SERIAL NOT NULL,
    "play_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "note" TEXT NOT NULL,
    "published_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by_id" TEXT,
    "restored_from" INTEGER,

    CONSTRAINT "play_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "play_outcomes" (
    "id" BIGSERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "play_id" INTEGER NOT NULL,
    "play_version" INTEGER NOT NULL,
    "user_id" TEXT,
    "kind" "PlayOutcomeKind" NOT NULL,
    "amount" DECIMAL(14,2),
    "reason" TEXT,
    "snooze_until" DATE,
    "tier_id" INTEGER,
    "segment_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "play_outcomes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_dismissals" (
    "user_id" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "up_to" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "change_dismissals_pkey" PRIMARY KEY ("user_id","group_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "plays_name_key" ON "plays"("name");

-- CreateIndex
CREATE UNIQUE INDEX "play_versions_play_id_version_key" ON "play_versions"("play_id", "version");

-- CreateIndex
CREATE INDEX "play_outcomes_account_id_play_id_at_idx" ON "play_outcomes"("account_id", "play_id", "at" DESC);

-- CreateIndex
CREATE INDEX "play_outcomes_play_id_at_idx" ON "play_outcomes"("play_id", "at");

-- CreateIndex
CREATE INDEX "play_outcomes_at_idx" ON "play_outcomes"("at");

-- CreateIndex
CREATE INDEX "account_segmentation_play_ids_idx" ON "account_segmentation" USING GIN ("play_ids");

-- CreateIndex
CREATE INDEX "membership_events_play_id_at_idx" ON "membership_events"("play_id", "at");

-- CreateIndex
CREATE INDEX "membership_events_at_idx" ON "membership_events"("at");

-- AddForeignKey
ALTER TABLE "play_versions" ADD CONSTRAINT "play_versions_play_id_fkey" FOREIGN KEY ("play_id") REFERENCES "plays"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "play_outcomes" ADD CONSTRAINT "play_outcomes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "play_outcomes" ADD CONSTRAINT "play_outcomes_play_id_fkey" FOREIGN KEY ("play_id") REFERENCES "plays"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "play_outcomes" ADD CONSTRAINT "play_outcomes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

