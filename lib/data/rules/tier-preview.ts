import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileRule, compileTierCase } from "@/lib/segmentation/sql";
import type { TierDefinition } from "@/lib/segmentation/tier-scheme";
import {
  accountSource,
  DEFAULT_SAMPLING,
  estimateOf,
  probeJoins,
  scaleFactor,
  type AccountSource,
  type PreviewEstimate,
  type PreviewPhase,
  type Sampling,
} from "./preview-estimate";
import { accountsById, allowParallelScan, topIdsByValue, type SampleAccount } from "./preview-samples";
import { inPreviewSlot, type PreviewOwner } from "./preview-slot";

export interface TierPreviewTier {
  key: string;
  name: string;
  color: string;
  /** Accounts assigned to this tier (first match wins). */
  count: number;
  lifetimeValue: number;
  /** Accounts this tier's rule matches on its own, and how many of those an earlier tier takes. */
  ownMatches: number;
  caughtEarlier: number;
  sample: SampleAccount[];
}

export interface TierTransition {
  fromKey: string | null;
  fromName: string;
  toKey: string | null;
  toName: string;
  accounts: number;
  lifetimeValue: number;
  reps: { id: string; name: string }[];
}

export interface TierPreview {
  total: number;
  untiered: number;
  tiers: TierPreviewTier[];
  /** Current tier x draft tier, only cells where accounts move. */
  transitions: TierTransition[];
  moving: number;
  revenueMoving: number;
  repsAffected: number;
  /** Set when the figures are estimated from a sample (no account samples then; reps: those seen in the sample); null when exact. */
  estimate: PreviewEstimate | null;
}

/** Per (current tier, owner): accounts and value per draft position (0 untiered, i + 1 tier i), own matches and matches an earlier tier takes per draft tier. */
interface TierGroupRow {
  tier_id: number | null;
  owner_id: string | null;
  n: number[];
  ltv: number[];
  own: number[];
  caught: number[];
}

/**
 * The counting pass of the tier preview. Each account's draft rules are evaluated once into a bit
 * mask (bit i: tier i's rule matches); the LEFT JOIN LATERAL makes it a value computed per row
 * below the aggregate, which every FILTER then tests as an integer. Grouped by (current tier,
 * owner) only, PostgreSQL estimates a few dozen groups and aggregates inside each parallel
 * worker; grouped by the matches as well, it estimated hundreds of thousands of groups and sent
 * all 1,000,000 rows through one process to aggregate there (30% slower at 1M).
 */
function tierGroupsSql(rules: readonly Prisma.Sql[], source: AccountSource): Prisma.Sql {
  const mask = rules.length ? Prisma.join(rules.map((rule, i) => Prisma.sql`(CASE WHEN ${rule} THEN ${1 << i}::int ELSE 0 END)`), " | ") : Prisma.sql`0`;
  // Position p takes the account when tier p - 1 matches and no earlier tier does (0: none matches).
  const at = (p: number) => (p === 0 ? Prisma.sql`m.mask = 0` : Prisma.sql`m.mask & ${(1 << p) - 1}::int = ${1 << (p - 1)}::int`);
  const positions = Array.from({ length: rules.length + 1 }, (_, p) => p);
  const bits = rules.map((_, i) => i);
  const ints = (parts: Prisma.Sql[]) => (parts.length ? Prisma.sql`ARRAY[${Prisma.join(parts)}]::int[]` : Prisma.sql`ARRAY[]::int[]`);
  return Prisma.sql`
    SELECT r.tier_id, a.owner_id,
      ${ints(positions.map((p) => Prisma.sql`count(*) FILTER (WHERE ${at(p)})`))} AS n,
      ARRAY[${Prisma.join(positions.map((p) => Prisma.sql`coalesce(sum(a.lifetime_value) FILTER (WHERE ${at(p)}), 0)`))}]::float8[] AS ltv,
      ${ints(bits.map((i) => Prisma.sql`count(*) FILTER (WHERE m.mask & ${1 << i}::int <> 0)`))} AS own,
      ${ints(bits.map((i) => Prisma.sql`count(*) FILTER (WHERE m.mask & ${1 << i}::int <> 0 AND m.mask & ${(1 << i) - 1}::int <> 0)`))} AS caught
    FROM ${source.from} JOIN account_segmentation r ON r.account_id = a.id
      LEFT JOIN LATERAL (SELECT ${mask} AS mask) m ON TRUE
    GROUP BY 1, 2`;
}

/**
 * Counts per draft tier, overlap for lint, samples, and the from-tier x to-tier matrix against
 * today. One pass over the accounts evaluates each tier's rule once per account (tierGroupsSql),
 * split across parallel workers, in the editor's preview slot (a newer preview cancels it);
 * everything else is folded here. The samples (each draft tier's biggest accounts) follow, once
 * the pass has counted each tier: none for an empty tier (a walk of the whole lifetime value
 * index before), the index walk for a common one, a scan for a rare one (preview-samples.ts).
 * In the "estimate" phase on a big database the pass runs over a fixed sample of the accounts and
 * its figures are scaled up, without account samples (preview-estimate.ts).
 */
export async function previewTierScheme(
  tiers: readonly TierDefinition[],
  owner: PreviewOwner | null = null,
  phase: PreviewPhase = "exact",
  sampling: Sampling = DEFAULT_SAMPLING,
): Promise<TierPreview> {
  const asOf = new Date();
  const rules = tiers.map((t) => compileRule(t.rule, asOf));
  // Tier i takes an account when its rule matches and no earlier tier's does.
  const assignedTo = (i: number) => Prisma.join([...rules.slice(0, i).map((rule) => Prisma.sql`NOT ${rule}`), rules[i]!], " AND ");
  const source = await accountSource(phase, sampling);
  const [groups, currentTiers] = await Promise.all([
    inPreviewSlot(owner, async (tx) => {
      await (source.estimate ? probeJoins(tx) : allowParallelScan(tx));
      return tx.$queryRaw<TierGroupRow[]>(tierGroupsSql(rules, source));
    }),
    db.tier.findMany({ select: { id: true, key: true, name: true } }),
  ]);
  const sampled = groups.reduce((total, g) => total + g.n.reduce((x, y) => x + y, 0), 0);
  // An estimate scales every count and value of the sample to the whole (1 when exact).
  const k = scaleFactor(source, sampled);
  const sum = (pick: (g: TierGroupRow) => number) => k * groups.reduce((total, g) => total + pick(g), 0);
  const count = (pick: (g: TierGroupRow) => number) => Math.round(sum(pick));
  const total = count((g) => g.n.reduce((x, y) => x + y, 0));
  const previewTiers = tiers.map((t, i) => ({
    key: t.key,
    name: t.name,
    color: t.color,
    count: count((g) => g.n[i + 1] ?? 0),
    lifetimeValue: sum((g) => Number(g.ltv[i + 1] ?? 0)),
    ownMatches: count((g) => g.own[i] ?? 0),
    caughtEarlier: count((g) => g.caught[i] ?? 0),
  }));
  const sampleIds = source.estimate ? [] : await Promise.all(previewTiers.map((t, i) => topIdsByValue(Prisma.sql`FROM accounts a WHERE ${assignedTo(i)}`, t.count, total, 5)));
  const tierById = new Map(currentTiers.map((t) => [t.id, t]));

  // Transitions: current tier (by key) -> draft tier (by key), only where they differ.
  const cells = new Map<string, TierTransition & { repIds: Set<string> }>();
  for (const g of groups) {
    const from = g.tier_id != null ? tierById.get(g.tier_id) : undefined;
    const fromKey = from?.key ?? null;
    g.n.forEach((accounts, position) => {
      const to = position > 0 ? tiers[position - 1] : undefined;
      const toKey = to?.key ?? null;
      if (accounts === 0 || fromKey === toKey) return;
      const id = `${fromKey}->${toKey}`;
      const cell = cells.get(id) ?? {
        fromKey,
        fromName: from?.name ?? "Untiered",
        toKey,
        toName: to?.name ?? "Untiered",
        accounts: 0,
        lifetimeValue: 0,
        reps: [],
        repIds: new Set<string>(),
      };
      cell.accounts += k * accounts;
      cell.lifetimeValue += k * Number(g.ltv[position] ?? 0);
      if (g.owner_id) cell.repIds.add(g.owner_id);
      cells.set(id, cell);
    });
  }
  const affected = new Set([...cells.values()].flatMap((c) => [...c.repIds]));
  const [users, samples] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...affected] } }, select: { id: true, name: true } }),
    Promise.all(sampleIds.map((ids) => accountsById(ids))),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const transitions: TierTransition[] = [...cells.values()]
    .map(({ repIds, ...cell }) => ({
      ...cell,
      accounts: Math.round(cell.accounts),
      reps: [...repIds].map((id) => ({ id, name: userName.get(id) ?? "Unknown" })).sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => b.accounts - a.accounts);

  return {
    total,
    untiered: count((g) => g.n[0] ?? 0),
    tiers: previewTiers.map((t, i) => ({ ...t, sample: samples[i] ?? [] })),
    transitions,
    moving: transitions.reduce((sum, t) => sum + t.accounts, 0),
    revenueMoving: transitions.reduce((sum, t) => sum + t.lifetimeValue, 0),
    repsAffected: affected.size,
    estimate: estimateOf(source, sampled),
  };
}

/** An account the draft tier scheme would move, with where from and where to. */
export interface TierMover extends SampleAccount {
  fromName: string;
  toName: string;
  ownerName: string | null;
}

/**
 * The accounts with the highest lifetime value among those the draft would move to another tier:
 * what an admin checks before publishing. One pass over the accounts (each draft tier evaluated
 * once) and a top-N sort: OFFSET 0 keeps PostgreSQL from walking the lifetime value index
 * instead, which takes the whole index when fewer than `limit` accounts move.
 */
export async function tierMovers(tiers: readonly TierDefinition[], limit = 5): Promise<TierMover[]> {
  // The draft tier's key: compileTierCase's first match, numbered by position (NULL: untiered).
  const position = compileTierCase(tiers, new Map(tiers.map((t, i) => [t.key, i + 1])), new Date());
  const draftKey = Prisma.sql`(${tiers.map((t) => t.key)}::text[])[${position}]`;
  const rows = await db.$queryRaw<
    { id: number; name: string; domain: string; ltv: number; from_name: string | null; owner_name: string | null; to_key: string | null }[]
  >`
    SELECT * FROM (
      SELECT a.id, a.name, a.domain, a.lifetime_value::float8 AS ltv, t.key AS from_key, t.name AS from_name,
        u.name AS owner_name, ${draftKey} AS to_key
      FROM accounts a JOIN account_segmentation r ON r.account_id = a.id
        LEFT JOIN tiers t ON t.id = r.tier_id LEFT JOIN users u ON u.id = a.owner_id
      OFFSET 0
    ) tiered
    WHERE from_key IS DISTINCT FROM to_key
    ORDER BY ltv DESC, id LIMIT ${limit}`;
  const draftName = new Map(tiers.map((t) => [t.key, t.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    domain: r.domain,
    lifetimeValue: Number(r.ltv),
    tierName: r.from_name,
    fromName: r.from_name ?? "Untiered",
    toName: (r.to_key && draftName.get(r.to_key)) ?? "Untiered",
    ownerName: r.owner_name,
  }));
}

