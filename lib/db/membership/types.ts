/**
 * Shared types of the materialised segmentation (lib/db/membership/). Nothing in that folder is
 * a permission boundary: lib/data checks the user before publishing, importing or reassigning
 * calls it; the seed and the daily refresh run without one.
 */
import type { Db } from "@/lib/db/client";

/** The Prisma client or a transaction of it. */
export type Executor = Pick<Db, "$executeRaw" | "$queryRaw" | "tier" | "tierSchemeVersion" | "segment" | "segmentVersion" | "scoringConfig">;

/** Why memberships changed: stored with every ledger row (membership_events.reason). */
export type MembershipReason = "RULE_PUBLISHED" | "RULE_RESTORED" | "DATA_CHANGE" | "IMPORT";

export interface Because {
  reason: MembershipReason;
  ruleVersion?: number | null;
  detail?: string | null;
}

/** Times one named step of a recompute (its caller's onStep). */
export type Step = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** A recompute's scope: the evaluation date (default now) and the accounts (default all). */
export interface RecomputeScope {
  asOf?: Date;
  accountIds?: readonly number[];
}
