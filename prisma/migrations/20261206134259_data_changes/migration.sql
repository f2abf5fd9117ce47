-- CreateTable
CREATE TABLE "data_changes" (
    "xid" BIGINT NOT NULL,

    CONSTRAINT "data_changes_pkey" PRIMARY KEY ("xid")
);

-- CreateTable
CREATE TABLE "data_changes_pruned" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "data_changes_pruned_pkey" PRIMARY KEY ("id")
);


-- The one counter row, so the stamp's statement always finds it.
INSERT INTO "data_changes_pruned" ("id", "count") VALUES (1, 0);
