/**
 * Tier and segment memberships, recomputed in two halves: the read here finds the accounts whose
 * tier or segments differ from what the rules say (into Node, or staged in a temporary table when
 * they are too many to carry); the write (apply-changes.ts) stores them. Every membership
 * recompute goes through these two halves.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { RuleGroup } from "@/lib/segmentation/schema";
import { compileRule, compileTierCase } from "@/lib/segmentation/sql";
import { parseJsonRows } from "@/lib/db/bulk-values";
import type { PublishedScheme } from "./published-rules";
import type { Executor, RecomputeScope } from "./types";

/** A segment whose members are recomputed; a null rule empties it (archiving). */
export interface RecomputedSegment {
  id: number;
  rule: RuleGroup | null;
  /** The version the ledger records when the cause names none. */
  version: number | null;
}

/** What a recompute covers. */
export interface MembershipRecompute {
  /** The scheme to assign with its tiers' row ids (syncTiers), or null to keep every stored tier. */
  tiers: { scheme: PublishedScheme | null; ids: ReadonlyMap<string, number> } | null;
  /** Segments whose members are recomputed; every other segment keeps its members. */
  segments: readonly RecomputedSegment[];
}

export interface MembershipChange {
  id: number;
  old_tier: number | null;
  new_tier: number | null;
  old_segs: number[];
  new_segs: number[];
  /** With `peerColumns`: the account's industry and technology categories (bits), for its peer groups. */
  industry?: string;
  categories?: number;
}

const idsFilter = (accountIds?: readonly number[]) =>
  accountIds ? Prisma.sql`a.id = ANY(${[...accountIds]}::int[])` : Prisma.sql`TRUE`;

/** Up to this many recomputed segments, segmentsDiffer tests each instead of comparing arrays. */
const TESTED_ONE_BY_ONE = 1;

/**
 * The SQL of each account's new tier id and ascending array of segment ids over `accounts a`
 * joined to `account_segmentation r` (the read below, and the set-based first materialisation),
 * and `segmentsDiffer`: whether that array differs from the stored one. For a tier scheme or one
 * segment it is tested without building the array (the stored arrays are ascending without
 * repeats, as every write leaves them): the segment's rule disagrees with the stored membership,
 * or the stored array names a segment the new one cannot hold. Building and comparing every
 * account's array was most of a segment publish's read at 1,000,000 accounts; with every segment
 * recomputed, the arrays compare faster than one membership test per segment (docs/benchmarks.md,
 * session 15).
 */
export async function membershipColumns(
  db: Executor,
  what: MembershipRecompute,
  asOf: Date,
): Promise<{ newTier: Prisma.Sql; newSegments: Prisma.Sql; segmentsDiffer: Prisma.Sql }> {
  const newTier = what.tiers ? compileTierCase(what.tiers.scheme?.tiers ?? [], what.tiers.ids, asOf) : Prisma.sql`r.tier_id`;
  const recomputed = what.segments.map((s) => s.id);
  const others = await db.$queryRaw<{ id: number }[]>`
    SELECT g.id FROM segments g WHERE NOT (g.id = ANY(${recomputed}::int[]))
      AND EXISTS (SELECT 1 FROM account_segments s WHERE s.segment_id = g.id)`;
  // In ascending id order, so the array compares equal to the stored one when nothing changed.
  const rules = what.segments.map((s) => ({ id: s.id, member: s.rule ? compileRule(s.rule, asOf) : Prisma.sql`FALSE` }));
  const entries = [
    ...rules.map(({ id, member }) => ({ id, sql: Prisma.sql`CASE WHEN ${member} THEN ${id}::int END` })),
    ...others.map(({ id }) => ({ id, sql: Prisma.sql`CASE WHEN ${id}::int = ANY(r.segment_ids) THEN ${id}::int END` })),
  ].sort((x, y) => x.id - y.id);
  const newSegments = entries.length
    ? Prisma.sql`array_remove(ARRAY[${Prisma.join(entries.map((e) => e.sql))}]::int[], NULL)`
    : Prisma.sql`'{}'::int[]`;
  const stored = Prisma.sql`COALESCE(r.segment_ids, '{}')`;
  if (rules.length > TESTED_ONE_BY_ONE) return { newTier, newSegments, segmentsDiffer: Prisma.sql`(${stored} <> ${newSegments})` };
  const segmentsDiffer = Prisma.join(
    [
      ...rules.map(({ id, member }) => Prisma.sql`(COALESCE(${member}, FALSE) <> (${id}::int = ANY(${stored})))`),
      Prisma.sql`NOT (${stored} <@ ${entries.map((e) => e.id)}::int[])`,
    ],
    " OR ",
  );
  return { newTier, newSegments, segmentsDiffer: Prisma.sql`(${segmentsDiffer})` };
}

/**
 * A read's scope beyond the accounts: `candidates`, a condition on `accounts a` that every account
 * whose stored memberships can differ from the new ones meets (a tier republish: the accounts the
 * old and new schemes place apart, recompute-rule.ts). Only those accounts' stored rows are read,
 * one by one through the key, instead of joining every account's.
 */
export interface ReadScope extends RecomputeScope {
  candidates?: Prisma.Sql;
}

/**
 * The read half: one pass over the accounts (all, or the given ones) computes each account's
 * tier and ascending array of segment ids and returns only the accounts whose stored tier or
 * segments differ.
 */
export async function readMembershipChanges(
  db: Executor,
  what: MembershipRecompute,
  scope: ReadScope & { peerColumns?: boolean },
): Promise<MembershipChange[]> {
  const peerColumns = scope.peerColumns ? Prisma.sql`, industry, categories` : Prisma.empty;
  // Each row as one JSON text (bulk-values.ts): Prisma converts a result value by value.
  const rows = await db.$queryRaw<{ r: string }[]>`
    SELECT json_build_array(id, old_tier, new_tier, old_segs, new_segs ${peerColumns})::text AS r
    FROM ${await changedMemberships(db, what, scope)}`;
  return parseJsonRows(rows).map(([id, old_tier, new_tier, old_segs, new_segs, industry, categories]) => {
    const change = { id, old_tier, new_tier, old_segs, new_segs } as MembershipChange;
    return scope.peerColumns ? { ...change, industry: industry as string, categories: categories as number } : change;
  });
}

/**
 * The accounts (all, or the given ones) whose stored tier or segments differ from what the rules
 * say, as a subquery `calc` (id, old_tier, new_tier, old_segs, new_segs, industry, categories).
 */
async function changedMemberships(db: Executor, what: MembershipRecompute, scope: ReadScope): Promise<Prisma.Sql> {
  const { newTier, newSegments, segmentsDiffer } = await membershipColumns(db, what, scope.asOf ?? new Date());
  // The candidates' stored rows through the key: a lateral subquery the planner cannot flatten
  // (LIMIT) is joined row by row, where a join would hash every stored row (0.35-0.48 s at
  // 1,000,000 accounts) for the few thousand a republish moves.
  const stored = scope.candidates
    ? Prisma.sql`CROSS JOIN LATERAL (
        SELECT s.tier_id, s.segment_ids FROM account_segmentation s WHERE s.account_id = a.id LIMIT 1
      ) r`
    : Prisma.sql`JOIN account_segmentation r ON r.account_id = a.id`;
  return Prisma.sql`(
      SELECT a.id, r.tier_id AS old_tier, ${newTier} AS new_tier,
        COALESCE(r.segment_ids, '{}') AS old_segs, ${newSegments} AS new_segs, ${segmentsDiffer} AS segs_differ,
        a.industry, a.technology_categories AS categories
      FROM accounts a ${stored}
      WHERE ${idsFilter(scope.accountIds)} AND ${scope.candidates ?? Prisma.sql`TRUE`}
    ) calc
    WHERE old_tier IS DISTINCT FROM new_tier OR segs_differ`;
}

/**
 * The temporary table stageMembershipChanges fills (dropped when the transaction ends), named with
 * its schema so that replacing it can never drop a table of another schema.
 */
export const STAGED_CHANGES = Prisma.raw("pg_temp.membership_changes");

/**
 * The read half kept in PostgreSQL, for a change too large to carry through Node: the changed
 * accounts go into the temporary table STAGED_CHANGES (id, old_tier, new_tier, old_segs,
 * new_segs), in account order, for applyStagedMembershipChanges. Returns how many. Runs in the
 * caller's transaction; a second call in it replaces the table.
 */
export async function stageMembershipChanges(db: Executor, what: MembershipRecompute, scope: ReadScope): Promise<number> {
  await db.$executeRaw`DROP TABLE IF EXISTS ${STAGED_CHANGES}`;
  const staged = await db.$executeRaw`
    CREATE TEMP TABLE ${STAGED_CHANGES} ON COMMIT DROP AS
    SELECT id, old_tier, new_tier, old_segs, new_segs FROM ${await changedMemberships(db, what, scope)}
    ORDER BY id`;
  await db.$executeRaw`ANALYZE ${STAGED_CHANGES}`;
  return staged;
}
