-- DropIndex
DROP INDEX "pending_recomputes_queued_at_idx";

-- AlterTable
ALTER TABLE "pending_recomputes" DROP CONSTRAINT "pending_recomputes_pkey",
ADD COLUMN     "id" BIGSERIAL NOT NULL,
ADD CONSTRAINT "pending_recomputes_pkey" PRIMARY KEY ("id");

