-- Secondary indexes a bulk write dropped in its transaction, to build again before it ends
-- (prisma/post-migrate.sql: bulk_drop_indexes, bulk_build_indexes, which run as the owner).

-- CreateTable
CREATE TABLE "bulk_dropped_indexes" (
    "xid" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,

    CONSTRAINT "bulk_dropped_indexes_pkey" PRIMARY KEY ("xid","name")
);
