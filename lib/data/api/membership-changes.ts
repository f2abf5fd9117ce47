import "server-only";
import { db } from "@/lib/db/client";
import { isLockNotAvailable } from "@/lib/db/wrapped-errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipReason } from "@/lib/db/membership/types";
import { cursorId, decodeCursor, encodeCursor } from "./cursor";

const FEED = "membership-changes";

interface FeedRow {
  id: bigint;
  at: Date;
  scope: "TIER" | "SEGMENT" | "PLAY";
  change: "ENTERED" | "LEFT";
  reason: MembershipReason;
  rule_version: number | null;
  detail: string | null;
  account_id: number;
  account_domain: string;
  account_name: string;
  tier_key: string | null;
  tier_name: string | null;
  tier_color: string | null;
  from_key: string | null;
  from_name: string | null;
  from_color: string | null;
  segment_id: number | null;
  segment_name: string | null;
  play_id: number | null;
  play_name: string | null;
}

const tierOf = (key: string | null, name: string | null, color: string | null) => (key ? { key, name: name ?? key, color: color ?? "#64748b" } : null);

/** How long a read waits for ledger writes in progress before answering "ask again" (an empty page). */
export const FEED_LOCK_WAIT_MS = 1_000;

/** Ledger rows in id order, read once no transaction that wrote to the ledger is still open; null when that takes too long. */
async function readAfterWriters(where: Prisma.Sql, limit: number): Promise<FeedRow[] | null> {
  try {
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${FEED_LOCK_WAIT_MS}`);
        await tx.$executeRawUnsafe("LOCK TABLE membership_events IN SHARE MODE");
        return tx.$queryRaw<FeedRow[]>`
          SELECT e.id, e.at, e.scope, e.change, e.reason, e.rule_version, e.detail,
                 a.id AS account_id, a.domain AS account_domain, a.name AS account_name,
                 t.key AS tier_key, t.name AS tier_name, t.color AS tier_color,
                 f.key AS from_key, f.name AS from_name, f.color AS from_color,
                 e.segment_id, s.name AS segment_name, e.play_id, p.name AS play_name
          FROM membership_events e
          JOIN accounts a ON a.id = e.account_id
          LEFT JOIN tiers t ON t.id = e.tier_id
          LEFT JOIN tiers f ON f.id = e.from_tier_id
          LEFT JOIN segments s ON s.id = e.segment_id
          LEFT JOIN plays p ON p.id = e.play_id
          WHERE ${where}
          ORDER BY e.id
          LIMIT ${limit}`;
      },
      { maxWait: 5_000, timeout: FEED_LOCK_WAIT_MS + 10_000 },
    );
  } catch (error) {
    if (isLockNotAvailable(error)) return null;
    throw error;
  }
}

/**
 * GET /api/v1/membership-changes: the ledger (membership_events) in the order it was written,
 * after a cursor (the last event's id), every tier, segment and play entry and exit with its
 * reason, rule version and detail, and the account's id, domain and name. Unlike the lists,
 * `next_cursor` is given on the last page too (the position after the last event read, or the
 * cursor sent when nothing is newer): a CRM sync keeps it and asks again later; `has_more` says
 * whether to ask again at once.
 *
 * Ledger ids come from a sequence when rows are inserted, not when they commit: a recompute still
 * running can hold ids below rows another one has already committed, and a reader that moved its
 * cursor past those would never see them. So the read first takes a SHARE lock on the ledger,
 * which waits for every transaction that has written to it to finish (and holds new writers for
 * the few milliseconds of the read): every id below the last one read is then final. If writes
 * take longer than FEED_LOCK_WAIT_MS the answer is an empty page with `has_more` (ask again).
 */
export async function listMembershipChanges(query: { limit: number; cursor?: string; since?: string; scope?: readonly string[] }) {
  const after = query.cursor ? cursorId(decodeCursor(query.cursor, FEED, 1)[0] ?? null) : null;
  const where = after !== null
    ? Prisma.sql`e.id > ${after}`
    : query.since
      ? Prisma.sql`e.at >= ${new Date(query.since)}`
      : Prisma.sql`TRUE`;
  const scoped = query.scope?.length ? Prisma.sql`${where} AND e.scope = ANY(${query.scope}::text[])` : where;
  const rows = await readAfterWriters(scoped, query.limit + 1);
  if (rows === null) return { data: [], next_cursor: query.cursor ?? null, has_more: true };
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      scope: r.scope,
      change: r.change,
      reason: r.reason,
      ruleVersion: r.rule_version,
      detail: r.detail,
      account: { id: r.account_id, domain: r.account_domain, name: r.account_name },
      tier: tierOf(r.tier_key, r.tier_name, r.tier_color),
      fromTier: tierOf(r.from_key, r.from_name, r.from_color),
      segment: r.segment_id !== null ? { id: r.segment_id, name: r.segment_name ?? `Segment ${r.segment_id}` } : null,
      play: r.play_id !== null ? { id: r.play_id, name: r.play_name ?? `Play ${r.play_id}` } : null,
    })),
    next_cursor: last ? encodeCursor({ list: FEED, keys: [String(last.id)] }) : (query.cursor ?? null),
    has_more: rows.length > query.limit,
  };
}
