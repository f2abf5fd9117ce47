/**
 * Who a play is for, evaluated in memory with the reasons (for "why this play" on the account
 * page) and compiled to SQL (for keeping memberships current): the two agree, which the property
 * test in tests/integration/segmentation-property.test.ts checks on random plays.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { evaluateRule, type Evaluation } from "@/lib/segmentation/evaluate";
import type { AccountFacts } from "@/lib/segmentation/facts";
import type { NameLookups } from "@/lib/segmentation/format";
import { compileRule } from "@/lib/segmentation/sql";
import type { PlayAudience } from "./definition";

/** What the audience reads besides the account's facts: its computed tier, segments and whitespace. */
export interface Membership {
  tierKey: string | null;
  segmentIds: readonly number[];
  whitespace: readonly string[];
}

export interface AudienceCheck {
  matches: boolean;
  /** Null when the audience does not constrain this part. */
  tier: { ok: boolean; keys: string[] } | null;
  segmentsAll: { ok: boolean; missing: number[] } | null;
  segmentsAny: { ok: boolean; matched: number[] } | null;
  whitespace: { ok: boolean; matched: string[] } | null;
  rule: Evaluation | null;
}

export function checkAudience(audience: PlayAudience, member: Membership, facts: AccountFacts, asOf: Date, lookups: NameLookups = {}): AudienceCheck {
  const has = new Set(member.segmentIds);
  const tier = audience.tiers.length ? { ok: member.tierKey !== null && audience.tiers.includes(member.tierKey), keys: audience.tiers } : null;
  const missing = audience.segmentsAll.filter((id) => !has.has(id));
  const segmentsAll = audience.segmentsAll.length ? { ok: missing.length === 0, missing } : null;
  const anyMatched = audience.segmentsAny.filter((id) => has.has(id));
  const segmentsAny = audience.segmentsAny.length ? { ok: anyMatched.length > 0, matched: anyMatched } : null;
  const gaps = audience.whitespace.filter((c) => member.whitespace.includes(c));
  const whitespace = audience.whitespace.length ? { ok: gaps.length > 0, matched: gaps } : null;
  const rule = audience.rule.children.length ? evaluateRule(audience.rule, facts, asOf, lookups) : null;
  const matches = [tier, segmentsAll, segmentsAny, whitespace].every((part) => !part || part.ok) && (!rule || rule.matched);
  return { matches, tier, segmentsAll, segmentsAny, whitespace, rule };
}

/** SQL expressions for the account's tier id, ascending segment ids (int[]) and whitespace (text[]). */
export interface MembershipSql {
  tierId: Prisma.Sql;
  segmentIds: Prisma.Sql;
  /**
   * The whitespace array, or a test "any of these categories is whitespace" (the recompute, which
   * computes whitespace on the fly, tests just the audience's categories instead of the whole array).
   */
  whitespace: Prisma.Sql | ((categories: readonly string[]) => Prisma.Sql);
}

/**
 * The audience as a SQL boolean over `accounts a` and the membership expressions. `tierIdByKey`
 * maps the audience's tier keys to tiers.id (a key without a tier matches nobody).
 */
export function compileAudience(audience: PlayAudience, tierIdByKey: ReadonlyMap<string, number>, member: MembershipSql, asOf: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (audience.tiers.length) {
    const ids = audience.tiers.map((key) => tierIdByKey.get(key)).filter((id): id is number => id !== undefined);
    parts.push(Prisma.sql`${member.tierId} = ANY(${ids}::int[])`);
  }
  if (audience.segmentsAll.length) parts.push(Prisma.sql`${member.segmentIds} @> ${audience.segmentsAll}::int[]`);
  if (audience.segmentsAny.length) parts.push(Prisma.sql`${member.segmentIds} && ${audience.segmentsAny}::int[]`);
  if (audience.whitespace.length) {
    parts.push(typeof member.whitespace === "function" ? member.whitespace(audience.whitespace) : Prisma.sql`${member.whitespace} && ${audience.whitespace}::text[]`);
  }
  if (audience.rule.children.length) parts.push(compileRule(audience.rule, asOf));
  return parts.length ? Prisma.sql`(${Prisma.join(parts, " AND ")})` : Prisma.sql`TRUE`;
}
