-- CreateTable
CREATE TABLE "pending_recomputes" (
    "account_id" INTEGER NOT NULL,
    "detail" TEXT NOT NULL,
    "queued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_recomputes_pkey" PRIMARY KEY ("account_id")
);

-- CreateIndex
CREATE INDEX "pending_recomputes_queued_at_idx" ON "pending_recomputes"("queued_at");

