import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SlotExecutor } from "./preview-slot";

/**
 * The quick first answer of a live preview on a big database: the same counting query over a
 * fixed sample of the accounts table's pages, scaled up, shown as an estimate until the exact
 * answer (the full pass) replaces it. At 1,000,000 accounts the full pass reads ~800 MB of
 * `accounts` (about a second on two busy cores); a 2% page sample reads ~16 MB.
 *
 * The sample is TABLESAMPLE SYSTEM with a fixed seed: the same pages every time (while the table
 * keeps its size), so two drafts a keystroke apart are estimated on the same accounts and their
 * difference is the rules' difference, not sampling noise. Page sampling reads only the sampled
 * pages; rows of one page are sampled together, which costs some precision when neighbouring rows
 * are alike, acceptable for a number labelled as an estimate.
 */

/** "estimate": a quick answer first where the exact one is slow (big databases); "exact": the full pass. */
export type PreviewPhase = "estimate" | "exact";

/** How an estimated preview was made: `sampled` accounts read, `accounts` in all (estimated). */
export interface PreviewEstimate {
  sampled: number;
  accounts: number;
}

/** When to estimate and on how many accounts. */
export interface Sampling {
  /** Estimate only on a database of at least this many accounts. */
  from: number;
  /** About this many accounts in the sample. */
  accounts: number;
}

/**
 * Below 200,000 accounts the exact pass is fast (~75-150 ms at 100,000): no estimate. A sample of
 * ~20,000 accounts puts a count within about ±0.4% of all accounts (one standard error; a 10% set:
 * ±2% of itself, a 1% set ±7%), and reads ~2,000 pages of `accounts` plus a key probe per account.
 */
export const DEFAULT_SAMPLING: Sampling = { from: 200_000, accounts: 20_000 };
const SAMPLE_SEED = 14;

/** Where a preview reads its accounts from, and by how much its counts are scaled. */
export interface AccountSource {
  /** `accounts a`, or a sample of it. */
  from: Prisma.Sql;
  /** Null for the exact pass. */
  estimate: { percent: number; accounts: number } | null;
}

export const ALL_ACCOUNTS: AccountSource = { from: Prisma.sql`accounts a`, estimate: null };

/**
 * The planner's idea of how many accounts there are now: rows per page from the last ANALYZE
 * times the pages the table has now (what PostgreSQL's planner itself assumes); null before any
 * ANALYZE. Reads the catalog only.
 */
async function estimatedAccounts(): Promise<number | null> {
  const [row] = await db.$queryRaw<{ n: number | null }[]>`
    SELECT CASE WHEN c.reltuples >= 0 AND c.relpages > 0
      THEN (c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int))::float8 END AS n
    FROM pg_class c WHERE c.oid = 'accounts'::regclass`;
  return row?.n ?? null;
}

/**
 * The source of a preview in `phase`: for an estimate on a database of at least `sampling.from`
 * accounts a page sample of about `sampling.accounts` of them, all accounts otherwise (the exact
 * pass, which is then fast enough to be the first answer).
 */
export async function accountSource(phase: PreviewPhase, sampling: Sampling = DEFAULT_SAMPLING): Promise<AccountSource> {
  if (phase === "exact") return ALL_ACCOUNTS;
  const accounts = await estimatedAccounts();
  if (accounts === null || accounts < sampling.from) return ALL_ACCOUNTS;
  const percent = Math.min(100, (100 * sampling.accounts) / Math.max(accounts, 1));
  return { from: Prisma.sql`accounts a TABLESAMPLE SYSTEM (${percent}::float4) REPEATABLE (${SAMPLE_SEED}::float8)`, estimate: { percent, accounts } };
}

/** A "sample" of every page holds every account: its counts need no scaling. */
const wholeTable = (source: AccountSource) => source.estimate !== null && source.estimate.percent >= 100;

/** Counts over `sampled` accounts scaled to the estimated whole (1 for the exact pass). */
export function scaleFactor(source: AccountSource, sampled: number): number {
  return source.estimate && !wholeTable(source) && sampled > 0 ? source.estimate.accounts / sampled : 1;
}

/** What the answer says about its making: null for an exact answer. */
export function estimateOf(source: AccountSource, sampled: number): PreviewEstimate | null {
  if (!source.estimate) return null;
  return { sampled, accounts: wholeTable(source) ? sampled : Math.round(source.estimate.accounts) };
}

/**
 * Inside a preview's slot transaction, for a sampled pass: look each sampled account up by key
 * (tens of thousands of index probes) rather than hashing a whole table or membership list to
 * join a few percent of it (a full read of `account_segmentation` is most of the exact pass).
 */
export async function probeJoins(tx: SlotExecutor): Promise<void> {
  await tx.$queryRaw`SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`;
}
