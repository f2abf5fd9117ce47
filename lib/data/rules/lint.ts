import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { FIELD_LIST, type FieldKey } from "@/lib/segmentation/fields";
import { listConditions, type RuleGroup } from "@/lib/segmentation/rule";
import {
  lintMatchesNothing,
  lintSparseFields,
  lintUnreachableTiers,
  type LintWarning,
} from "@/lib/segmentation/lint";
import type { TierScheme } from "@/lib/segmentation/tier-scheme";
import type { TierPreview } from "./preview";

export type { LintWarning };

/** SQL for "this account has a value for the field", for the fields that can be empty (from the registry). */
function hasValueSql(field: (typeof FIELD_LIST)[number]): Prisma.Sql | null {
  switch (field.sql.kind) {
    case "technologies":
      // The account's technology ids (a trigger keeps them equal to its account_technologies rows, and
      // technology conditions test them): one array per row instead of a probe of 4M rows per account.
      return Prisma.sql`cardinality(a.technology_ids) > 0`;
    case "respondedChannels":
      return Prisma.sql`EXISTS (SELECT 1 FROM campaign_responses x WHERE x.account_id = a.id
        AND x.outcome NOT IN ('NO_RESPONSE', 'UNSUBSCRIBED'))`;
    case "daysSince":
    case "column":
      if (field.type === "tags") return Prisma.sql`cardinality(a.${Prisma.raw(`"${field.sql.column}"`)}) > 0`;
      if ("nullable" in field && field.nullable) return Prisma.sql`a.${Prisma.raw(`"${field.sql.column}"`)} IS NOT NULL`;
      return null;
  }
}

/** Share of accounts (0..1) with a value, for the fields these rules use that can be empty. */
export async function fieldCoverage(rules: RuleGroup[]): Promise<Partial<Record<FieldKey, number>>> {
  const used = new Set(rules.flatMap((r) => listConditions(r).map((c) => c.condition.field)));
  const fields = FIELD_LIST.filter((f) => used.has(f.key)).flatMap((f) => {
    const sql = hasValueSql(f);
    return sql ? [{ key: f.key, sql }] : [];
  });
  if (fields.length === 0) return {};
  const parts = fields.map((f, i) => Prisma.sql`count(*) FILTER (WHERE ${f.sql})::int AS ${Prisma.raw(`f${i}`)}`);
  const [row] = await db.$queryRaw<Record<string, number>[]>`SELECT count(*)::int AS total, ${Prisma.join(parts, ", ")} FROM accounts a`;
  const total = row?.total ?? 0;
  if (!row || total === 0) return {};
  return Object.fromEntries(fields.map((f, i) => [f.key, (row[`f${i}`] ?? 0) / total]));
}

type Coverage = Awaited<ReturnType<typeof fieldCoverage>>;

/** `coverage`: fieldCoverage of the scheme's rules when the caller read it beside the preview. */
export async function lintTierScheme(scheme: TierScheme, preview: TierPreview, known?: Coverage): Promise<LintWarning[]> {
  const coverage = known ?? (await fieldCoverage(scheme.tiers.map((t) => t.rule)));
  const sparse = scheme.tiers.flatMap((tier, i) =>
    lintSparseFields(tier.rule, coverage).map((w) => ({ ...w, tierKey: tier.key, message: `Tier ${i + 1} (${tier.name}): ${w.message}` })),
  );
  const unreachable = lintUnreachableTiers(
    preview.tiers.map((t) => ({ key: t.key, name: t.name, matchCount: t.ownMatches, caughtByEarlier: t.caughtEarlier })),
  );
  return [...unreachable, ...sparse];
}

/** `coverage`: fieldCoverage of the rule when the caller read it beside the preview. */
export async function lintSegmentRule(rule: RuleGroup, matching: number, known?: Coverage): Promise<LintWarning[]> {
  const coverage = known ?? (await fieldCoverage([rule]));
  return [...lintMatchesNothing(matching, "This segment"), ...lintSparseFields(rule, coverage)];
}
