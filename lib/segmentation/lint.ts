/**
 * Lint warnings for the rule editor, from counts the data layer supplies: conditions on fields
 * with little data, rules that match nothing, tiers that can never receive an account.
 */
import { getField, type FieldKey } from "@/lib/segmentation/fields";
import { lowerFirst } from "@/lib/segmentation/format";
import { getOperator } from "@/lib/segmentation/operators";
import { conditionName, listConditions, type RuleGroup, type RulePath } from "@/lib/segmentation/rule";

export type LintCode = "sparse_field" | "matches_nothing" | "unreachable_tier" | "empty_tier";

export interface LintWarning {
  code: LintCode;
  message: string;
  conditionId?: string;
  path?: RulePath;
  tierKey?: string;
}

/** Below this share of accounts with a value, a field is "little data". */
export const SPARSE_FIELD_THRESHOLD = 0.2;

/**
 * Operators that match accounts *without* data are not hurt by sparse data (they match most
 * accounts), so they are not flagged.
 */
const MATCHES_EMPTY = new Set(["is_empty", "neq", "none_of", "has_none"]);

export type FieldCoverage = ReadonlyMap<FieldKey, number> | Partial<Record<FieldKey, number>>;

/**
 * `coverage` maps a field to the fraction (0..1) of accounts with a non-empty value for it;
 * fields missing from the map are not checked.
 */
export function lintSparseFields(rule: RuleGroup, coverage: FieldCoverage, threshold: number = SPARSE_FIELD_THRESHOLD): LintWarning[] {
  const shareOf = (field: FieldKey) =>
    coverage instanceof Map ? coverage.get(field) : (coverage as Partial<Record<FieldKey, number>>)[field];
  const warnings: LintWarning[] = [];
  for (const { condition, index, path } of listConditions(rule)) {
    const share = shareOf(condition.field);
    if (share === undefined || share >= threshold || MATCHES_EMPTY.has(condition.operator)) continue;
    const field = getField(condition.field);
    const name = conditionName(index, field.label, getOperator(field.type, condition.operator).label);
    const subject = lowerFirst(field.label);
    const detail =
      share === 0
        ? `no account has a value for ${subject} yet, so this condition matches nothing`
        : `only ${formatShare(share)} of accounts have a value for ${subject}, so this condition can match only those`;
    warnings.push({ code: "sparse_field", message: `${name}: ${detail}.`, conditionId: condition.id, path });
  }
  return warnings;
}

function formatShare(share: number): string {
  const percent = share * 100;
  return percent < 1 ? "less than 1%" : `${Math.round(percent)}%`;
}

/** A rule (segment or tier) that matches no account at all. */
export function lintMatchesNothing(matchCount: number, subject = "This rule"): LintWarning[] {
  if (matchCount > 0) return [];
  return [{ code: "matches_nothing", message: `${subject} matches no accounts. Loosen a value or combine conditions with OR.` }];
}

export interface TierMatchCounts {
  key: string;
  name: string;
  /** Accounts the tier's own rule matches. */
  matchCount: number;
  /** How many of those an earlier tier's rule already matches (first match wins). */
  caughtByEarlier: number;
}

/** Tiers, in order, that can never receive an account. */
export function lintUnreachableTiers(tiers: readonly TierMatchCounts[]): LintWarning[] {
  const warnings: LintWarning[] = [];
  tiers.forEach((tier, i) => {
    const name = `Tier ${i + 1} (${JSON.stringify(tier.name)})`;
    if (tier.matchCount === 0) {
      warnings.push({ code: "empty_tier", tierKey: tier.key, message: `${name} matches no accounts, so it will stay empty.` });
    } else if (i > 0 && tier.caughtByEarlier >= tier.matchCount) {
      const all =
        tier.matchCount === 1
          ? "the one account its rule matches is"
          : `all ${tier.matchCount.toLocaleString("en-US")} accounts its rule matches are`;
      warnings.push({
        code: "unreachable_tier",
        tierKey: tier.key,
        message: `${name} can never receive an account: ${all} already placed in earlier tiers. Move it up or narrow the tiers above it.`,
      });
    }
  });
  return warnings;
}
