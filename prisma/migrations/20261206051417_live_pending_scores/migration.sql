-- CreateTable
CREATE TABLE "pending_scores" (
    "account_id" INTEGER NOT NULL,
    "queued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_scores_pkey" PRIMARY KEY ("account_id")
);

