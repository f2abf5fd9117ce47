/**
 * "Since your last visit" on /today: the ledger (membership_events) of the accounts a rep owns
 * after users.changes_seen_at (null: the last 7 days), grouped by what happened (entered or left
 * which tier, segment or play) and why (the reason and detail of the ledger row, e.g. "Rule
 * published: Tier scheme v3: Raise the bar"), newest group first.
 *
 * A group's key is "SCOPE:CHANGE:targetId:REASON:detail". Dismissing a group stores
 * (user, key, up_to = the newest entry the rep saw); its entries up to then stay hidden, newer
 * ones of the same kind show again. "Dismiss all" moves changes_seen_at to now.
 */
import "server-only";
import { assertRole, type Actor } from "@/lib/auth/access";
import { db, type Db } from "@/lib/db/client";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipReason } from "@/lib/db/membership/types";
import { sharedAggregateWhile } from "@/lib/data/aggregate-cache";
import { MEMBERSHIP_REASON_LABELS } from "@/lib/data/membership-history";
import { resolveTodayRep } from "./today-rep";

/** The client or a transaction of it, for the reads. */
type Reader = Pick<Db, "$queryRaw">;

/** Groups shown at most; the rest are counted ("and 3 more changes"). */
export const MAX_CHANGE_GROUPS = 8;
/** Account names shown per group; the rest are "+N more". */
export const CHANGE_SAMPLE_SIZE = 3;
/** Without a last visit on record, this many days back. */
export const DEFAULT_LOOKBACK_DAYS = 7;

export type ChangeScope = "TIER" | "SEGMENT" | "PLAY";

export interface ChangeGroup {
  key: string;
  scope: ChangeScope;
  change: "ENTERED" | "LEFT";
  /** The tier, segment or play entered or left (colour: tiers and segments only). */
  target: { name: string; color: string | null };
  reason: MembershipReason;
  /** "Rule published: Tier scheme v3: Raise the bar", "Data change", "Import: Import of q3.csv". */
  reasonText: string;
  /** Distinct accounts in the group. */
  accounts: number;
  /** The newest ledger entry of the group: what a dismissal hides up to. */
  newestAt: Date;
  /** A few accounts of the group, by name. */
  sample: { id: number; name: string }[];
}

export interface SinceLastVisit {
  since: Date;
  /** No visit on record: `since` is DEFAULT_LOOKBACK_DAYS before the hour began (defaultSince). */
  sinceIsDefault: boolean;
  groups: ChangeGroup[];
  /** Groups beyond MAX_CHANGE_GROUPS. */
  moreGroups: number;
  /** A manager or admin looking at a rep's page: nothing to dismiss. */
  readOnly: boolean;
}

interface GroupRow {
  group_key: string;
  scope: string;
  change: string;
  target_id: number;
  reason: string;
  detail: string;
  /** Null until counted (distinctAccounts) for a group spanning several transactions. */
  accounts: number | null;
  oldest: Date;
  newest: Date;
  sample_ids: number[];
  sample_names: string[];
  total_groups: number;
  target_name: string | null;
  target_color: string | null;
}

const isReason = (value: string): value is MembershipReason => value in MEMBERSHIP_REASON_LABELS;

function reasonText(reason: MembershipReason, detail: string | null): string {
  const label = MEMBERSHIP_REASON_LABELS[reason];
  return detail ? `${label}: ${detail}` : label;
}

// Changes of one moment (one publish) are listed tiers first, then segments, then plays, biggest first.
const scopeOrder = (column: string) => Prisma.raw(`CASE ${column} WHEN 'TIER' THEN 0 WHEN 'SEGMENT' THEN 1 ELSE 2 END`);

/** The rep's ledger rows of a dismissed group, up to its dismissal: hidden. Matched on the key's parts. */
function dismissedSql(repId: string, since: Date): Prisma.Sql {
  return Prisma.sql`AND NOT EXISTS (
    SELECT 1 FROM (
      SELECT regexp_match(group_key, '^([A-Z]+):([A-Z]+):([0-9]{1,10}):([A-Z_]+):(.*)$', 's') AS k, up_to
      FROM change_dismissals WHERE user_id = ${repId} AND up_to > ${since}
    ) d
    WHERE d.k[1] = e.scope AND d.k[2] = e.change AND d.k[3]::int = ${TARGET_ID} AND d.k[4] = e.reason
      AND d.k[5] = COALESCE(e.detail, '') AND e.at <= d.up_to)`;
}

// The id of what was entered or left: a tier left for no tier names the tier it came from.
const TARGET_ID = Prisma.raw(
  "COALESCE(CASE e.scope WHEN 'TIER' THEN COALESCE(e.tier_id, e.from_tier_id) WHEN 'SEGMENT' THEN e.segment_id ELSE e.play_id END, 0)",
);

/**
 * The rep's ledger rows after `since` (the rows of dismissed groups left out, only when the rep has
 * dismissals), as the subquery `ev`, with `extra` conditions on `e`.
 */
function rowsSql(repId: string, since: Date, withDismissals: boolean, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
      SELECT e.account_id, e.at, e.scope, e.change, e.reason, COALESCE(e.detail, '') AS detail, ${TARGET_ID} AS target_id
      FROM membership_events e JOIN accounts a ON a.id = e.account_id
      WHERE a.owner_id = ${repId} AND e.at > ${since} ${withDismissals ? dismissedSql(repId, since) : Prisma.empty} ${extra}`;
}

/**
 * The shown groups, newest first, in one aggregation over the rep's rows that PostgreSQL runs in
 * parallel (no CTE in between: a materialised one is read by one process, 5.4 s for a rep's
 * 1,145,329 rows at 1,000,000 accounts against 2.1 s; docs/benchmarks.md, session 20). A group
 * written by one transaction (one publish, import or refresh: one `at`) has one row per account,
 * so its row count is its account count; `accounts` is null for a group spanning several, which
 * distinctAccounts counts. The sample is any few accounts of the group, by name; the key is built
 * once per group.
 */
function changeGroupsSql(repId: string, since: Date, withDismissals: boolean): Prisma.Sql {
  return Prisma.sql`
    WITH groups AS (
      SELECT scope, change, target_id, reason, detail, count(*)::int AS entries, min(at) AS oldest, max(at) AS newest,
        (array_agg(account_id))[1:${CHANGE_SAMPLE_SIZE}::int] AS sample_ids, (count(*) OVER ())::int AS total_groups
      FROM (${rowsSql(repId, since, withDismissals)}) ev
      GROUP BY scope, change, target_id, reason, detail
      ORDER BY newest DESC, ${scopeOrder("scope")}, entries DESC, change, target_id, reason, detail LIMIT ${MAX_CHANGE_GROUPS}
    )
    SELECT g.scope, g.change, g.target_id, g.reason, g.detail, g.oldest, g.newest, g.total_groups,
      CASE WHEN g.oldest = g.newest THEN g.entries END AS accounts,
      g.scope || ':' || g.change || ':' || g.target_id || ':' || g.reason || ':' || g.detail AS group_key,
      ARRAY(SELECT a.id FROM accounts a WHERE a.id = ANY(g.sample_ids) ORDER BY a.name, a.id) AS sample_ids,
      ARRAY(SELECT a.name FROM accounts a WHERE a.id = ANY(g.sample_ids) ORDER BY a.name, a.id) AS sample_names,
      COALESCE(t.name, s.name, p.name) AS target_name, COALESCE(t.color, s.color) AS target_color
    FROM groups g
      LEFT JOIN tiers t ON g.scope = 'TIER' AND t.id = g.target_id
      LEFT JOIN segments s ON g.scope = 'SEGMENT' AND s.id = g.target_id
      LEFT JOIN plays p ON g.scope = 'PLAY' AND p.id = g.target_id
    ORDER BY g.newest DESC, ${scopeOrder("g.scope")}, g.entries DESC, g.change, g.target_id, g.reason, g.detail`;
}

/**
 * Distinct accounts of the shown groups that span several transactions (an account can enter a
 * segment on Monday's refresh, leave and enter again on Wednesday's), all in one pass over the
 * rep's rows between the oldest and newest of them (a parallel DISTINCT, then a count per group).
 * In the transaction that read the groups, so it sees the same rows.
 */
async function distinctAccounts(db: Reader, repId: string, since: Date, withDismissals: boolean, rows: GroupRow[]): Promise<GroupRow[]> {
  const spanning = rows.filter((r) => r.accounts === null);
  if (spanning.length === 0) return rows;
  const from = new Date(Math.min(...spanning.map((r) => r.oldest.getTime())));
  const to = new Date(Math.max(...spanning.map((r) => r.newest.getTime())));
  const column = <K extends keyof GroupRow>(key: K) => spanning.map((r) => r[key]);
  const counts = await db.$queryRaw<{ i: number; accounts: number }[]>`
    SELECT k.i::int, count(*)::int AS accounts FROM (
      SELECT DISTINCT g.i, ev.account_id
      FROM (${rowsSql(repId, since, withDismissals, Prisma.sql`AND e.at >= ${from} AND e.at <= ${to}`)}) ev
      JOIN unnest(${column("scope")}::text[], ${column("change")}::text[], ${column("target_id")}::int[], ${column("reason")}::text[], ${column("detail")}::text[])
        WITH ORDINALITY AS g(scope, change, target_id, reason, detail, i)
        ON ev.scope = g.scope AND ev.change = g.change AND ev.target_id = g.target_id AND ev.reason = g.reason AND ev.detail = g.detail
    ) k GROUP BY k.i`;
  const byGroup = new Map(counts.map((c) => [spanning[c.i - 1], c.accounts]));
  return rows.map((r) => (r.accounts === null ? { ...r, accounts: byGroup.get(r) ?? 0 } : r));
}

/** The sample as id and name pairs. */
function sampleOf(row: GroupRow): { id: number; name: string }[] {
  return row.sample_ids.map((id, i) => ({ id, name: row.sample_names[i] ?? `Account ${id}` }));
}

const FALLBACK_NAMES: Record<ChangeScope, string> = { TIER: "a tier", SEGMENT: "a segment", PLAY: "a play" };

function toGroup(row: GroupRow): ChangeGroup {
  const scope: ChangeScope = row.scope === "TIER" || row.scope === "SEGMENT" ? row.scope : "PLAY";
  const reason: MembershipReason = isReason(row.reason) ? row.reason : "DATA_CHANGE";
  return {
    key: row.group_key,
    scope,
    change: row.change === "LEFT" ? "LEFT" : "ENTERED",
    target: { name: row.target_name ?? FALLBACK_NAMES[scope], color: row.target_color },
    reason,
    reasonText: reasonText(reason, row.detail || null),
    accounts: row.accounts ?? 0,
    newestAt: row.newest,
    sample: sampleOf(row),
  };
}

/**
 * Without a visit on record the window starts DEFAULT_LOOKBACK_DAYS before the start of the
 * current hour (7 days and under an hour), so an hour's requests share one window and its shared
 * result (the grouping reads every ledger row of the rep's week: 0.3-0.5 s at 100,000 accounts)
 * instead of each sliding it by its own clock and reading it again.
 */
export function defaultSince(now: Date): Date {
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  return new Date(hour - DEFAULT_LOOKBACK_DAYS * 86_400_000);
}

/**
 * What changed in the shown rep's book since their last visit (see resolveTodayRep for whose).
 * `shared` (the /today page): the grouped rows are shared across requests (lib/data/aggregate-cache.ts)
 * for the same rep and last visit (a dismissal changes the data stamp); without a last visit on record the window moves on
 * every hour (defaultSince), and a stored result is reused only when none of the rep's ledger rows
 * fell out of the window since it was computed.
 */
export async function getSinceLastVisit(
  actor: Actor,
  requestedRep: string | null | undefined,
  now = new Date(),
  options: { shared?: boolean } = {},
): Promise<SinceLastVisit | null> {
  const { rep, own } = await resolveTodayRep(actor, requestedRep);
  if (!rep) return null;
  const since = rep.changesSeenAt ?? defaultSince(now);
  // One snapshot for the groups and their distinct counts (REPEATABLE READ: a write committing in
  // between is in neither), for as long as a large ledger takes.
  const load = () =>
    db.$transaction(
      async (tx) => {
        const withDismissals = await hasDismissals(tx, rep.id, since);
        return distinctAccounts(tx, rep.id, since, withDismissals, await tx.$queryRaw<GroupRow[]>(changeGroupsSql(rep.id, since, withDismissals)));
      },
      { ...LONG_TRANSACTION, isolationLevel: "RepeatableRead" },
    );
  // A dismissal changes the data stamp (change_dismissals is watched), so a shared entry never
  // outlives one: the key needs only the rep and their last visit.
  const rows = options.shared
    ? await sharedAggregateWhile(`changes:${rep.id}:${rep.changesSeenAt?.toISOString() ?? "default"}`, since, (stored) => sameWindow(rep.id, stored, since), load)
    : await load();
  const total = rows[0]?.total_groups ?? 0;
  return { since, sinceIsDefault: !rep.changesSeenAt, groups: rows.map(toGroup), moreGroups: Math.max(0, total - rows.length), readOnly: !own };
}

/** Without dismissals since `since` (the usual case) the grouping skips matching them row by row. */
async function hasDismissals(db: Reader, repId: string, since: Date): Promise<boolean> {
  const [row] = await db.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM change_dismissals WHERE user_id = ${repId} AND up_to > ${since}) AS found`;
  return row?.found === true;
}

/** True when the rep's ledger rows after `stored` are those after `since` (none in between). */
async function sameWindow(repId: string, stored: Date, since: Date): Promise<boolean> {
  if (stored.getTime() === since.getTime()) return true;
  if (stored.getTime() > since.getTime()) return false;
  const [row] = await db.$queryRaw<{ moved: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM membership_events e JOIN accounts a ON a.id = e.account_id
      WHERE a.owner_id = ${repId} AND e.at > ${stored} AND e.at <= ${since}) AS moved`;
  return row?.moved === false;
}

/**
 * Hide one group's entries up to `upTo` (the newest the rep saw; never later than now, so
 * entries arriving afterwards still show). A second dismissal of the same group moves it forward.
 */
export async function dismissChangeGroup(actor: Actor, key: string, upTo: Date, now = new Date()): Promise<void> {
  assertRole(actor, "REP");
  const until = upTo.getTime() > now.getTime() ? now : upTo;
  await db.$executeRaw`
    INSERT INTO change_dismissals (user_id, group_key, up_to) VALUES (${actor.id}, ${key}, ${until})
    ON CONFLICT (user_id, group_key) DO UPDATE SET up_to = GREATEST(change_dismissals.up_to, EXCLUDED.up_to)`;
}

/** Everything seen: the next visit starts from now; single dismissals before now are moot and removed. */
export async function dismissAllChanges(actor: Actor, now = new Date()): Promise<void> {
  assertRole(actor, "REP");
  await db.$transaction([
    db.user.update({ where: { id: actor.id }, data: { changesSeenAt: now } }),
    db.changeDismissal.deleteMany({ where: { userId: actor.id, upTo: { lte: now } } }),
  ]);
}
