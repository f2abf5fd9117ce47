-- Stamps for "nothing changed since": input_writes (filled by prisma/post-migrate.sql's statement
-- triggers), derived_stamps and the whitespace peer counts (lib/db/membership/input-stamp.ts,
-- peer-counts.ts).
-- CreateTable
CREATE TABLE "input_writes" (
    "xid" BIGINT NOT NULL,

    CONSTRAINT "input_writes_pkey" PRIMARY KEY ("xid")
);

-- CreateTable
CREATE TABLE "derived_stamps" (
    "name" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "derived_stamps_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "peer_counts" (
    "industry" TEXT NOT NULL,
    "tier_key" INTEGER NOT NULL,
    "accounts" INTEGER NOT NULL,
    "with_category" INTEGER[],

    CONSTRAINT "peer_counts_pkey" PRIMARY KEY ("industry","tier_key")
);

