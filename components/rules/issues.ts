/**
 * Validation errors and lint warnings, placed where they belong in the builder: on the
 * condition they name (by id or JSON path), on a group, on a tier's own fields, or on the
 * rule as a whole.
 */
import type { LintWarning } from "@/lib/segmentation/lint";
import type { RulePath } from "@/lib/segmentation/rule";
import { parseRule, type RuleError } from "@/lib/segmentation/schema";
import { parseTierScheme, type TierSchemeError } from "@/lib/segmentation/tier-scheme";
import { listEditorConditions, toRuleJson, type EditorGroup } from "./rule-tree";

export interface RuleIssue {
  severity: "error" | "warning";
  /** The full message, naming the tier and condition ("Condition 2 (…): value must be a number"). */
  message: string;
  conditionId: string | null;
  /** JSON path from the rule root; null when unknown. */
  path: RulePath | null;
}

export function errorIssues(errors: readonly RuleError[]): RuleIssue[] {
  return errors.map((e) => ({ severity: "error", message: e.message, conditionId: e.conditionId, path: e.path }));
}

export function warningIssues(warnings: readonly LintWarning[]): RuleIssue[] {
  return warnings.map((w) => ({ severity: "warning", message: w.message, conditionId: w.conditionId ?? null, path: w.path ?? null }));
}

/**
 * The message as shown next to the thing it is about: without the "Tier 1 ("Strategic"): " and
 * "Condition 3 ("Lifetime value is at least"): " prefixes the full message uses to name it.
 */
export function shortMessage(message: string): string {
  const stripped = message
    .replace(/^Tier \d+( \(.*?\))?: /, "")
    .replace(/^(Condition \d+( \(".*?"\))?|Group \d+|The rule): /, "");
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}

function startsWith(path: RulePath, prefix: RulePath): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}

/** Issues about one condition: named by its id, or by a path inside it. */
export function conditionIssues(issues: readonly RuleIssue[], conditionId: string, conditionPath: RulePath): RuleIssue[] {
  return issues.filter((issue) =>
    issue.conditionId !== null ? issue.conditionId === conditionId : issue.path !== null && startsWith(issue.path, conditionPath),
  );
}

/** Issues about a group itself (its op, its size, its depth), not about anything inside it. */
export function groupIssues(issues: readonly RuleIssue[], groupPath: RulePath): RuleIssue[] {
  return issues.filter((issue) => {
    if (issue.conditionId !== null || issue.path === null || !startsWith(issue.path, groupPath)) return false;
    return issue.path.length === groupPath.length || issue.path[groupPath.length] !== "children" || issue.path.length === groupPath.length + 1;
  });
}

/** Issues the builder cannot place anywhere (no id, no path): shown above the whole rule. */
export function unplacedIssues(issues: readonly RuleIssue[]): RuleIssue[] {
  return issues.filter((issue) => issue.conditionId === null && issue.path === null);
}

/**
 * Which part of a condition an issue is about: "field", "operator", or the value sub-path
 * (["min"], ["technologyIds", 0]); [] for the whole value; null for the condition as a whole.
 */
export function issuePart(issue: RuleIssue, conditionPath: RulePath): { part: "field" | "operator" | "value"; sub: RulePath } | null {
  if (!issue.path || !startsWith(issue.path, conditionPath)) return null;
  const [part, ...sub] = issue.path.slice(conditionPath.length);
  if (part === "field" || part === "operator" || part === "value") return { part, sub };
  return null;
}

/**
 * Validate the on-screen rule in the browser, before asking the server: the shape checks
 * parseRule makes without the database (the server adds unknown technologies and owners).
 * A condition without a field gets a message that says what to do.
 */
export function validateEditorRule(tree: EditorGroup): { ok: true } | { ok: false; issues: RuleIssue[] } {
  const result = parseRule(toRuleJson(tree));
  if (result.ok) return { ok: true };
  return { ok: false, issues: errorIssues(friendlier(result.errors, tree)) };
}

function friendlier<E extends RuleError>(errors: readonly E[], tree: EditorGroup): E[] {
  const fieldless = new Set(listEditorConditions(tree).filter((c) => c.condition.field === "").map((c) => c.condition.id));
  return errors.map((error) =>
    error.conditionId !== null && fieldless.has(error.conditionId)
      ? { ...error, message: error.message.replace(/(Condition \d+)(?: \(".*?"\))?: unknown field ""$/, "$1: choose a field") }
      : error,
  );
}

// ---- Tier schemes ---------------------------------------------------------------------------

export type TierField = "name" | "color" | "key";

export interface TierIssues {
  /** Issues inside the tier's rule, with paths relative to that rule. */
  rule: RuleIssue[];
  /** Issues about the tier's own fields. */
  fields: Partial<Record<TierField, string>>;
  /** Other issues about the tier (e.g. lint: unreachable, empty). */
  tier: RuleIssue[];
}

export function emptyTierIssues(): TierIssues {
  return { rule: [], fields: {}, tier: [] };
}

/** Spread tier scheme errors over the tiers they name; scheme-level ones go to `scheme`. */
export function splitTierErrors(errors: readonly TierSchemeError[], tierCount: number): { tiers: TierIssues[]; scheme: string[] } {
  const tiers = Array.from({ length: tierCount }, emptyTierIssues);
  const scheme: string[] = [];
  for (const error of errors) {
    const tier = error.tierIndex !== null ? tiers[error.tierIndex] : undefined;
    if (!tier) {
      scheme.push(error.message);
      continue;
    }
    const [, , part, ...rest] = error.path;
    if (part === "rule") {
      tier.rule.push({ severity: "error", message: error.message, conditionId: error.conditionId, path: rest });
    } else if (part === "name" || part === "color" || part === "key") {
      tier.fields[part] ??= shortMessage(error.message);
    } else {
      tier.tier.push({ severity: "error", message: error.message, conditionId: null, path: null });
    }
  }
  return { tiers, scheme };
}

/** Validate the on-screen tier scheme in the browser; see validateEditorRule. */
export function validateEditorScheme(
  definition: { tiers: { key: string; name: string; color: string; rule: EditorGroup }[] },
): { ok: true } | { ok: false; errors: TierSchemeError[] } {
  const json = { tiers: definition.tiers.map((t) => ({ key: t.key, name: t.name, color: t.color, rule: toRuleJson(t.rule) })) };
  const result = parseTierScheme(json);
  if (result.ok) return { ok: true };
  const errors = result.errors.map((error) => {
    const tier = error.tierIndex !== null ? definition.tiers[error.tierIndex] : undefined;
    return tier && error.conditionId ? (friendlier([error], tier.rule)[0] ?? error) : error;
  });
  return { ok: false, errors };
}

/** Lint warnings for one tier: those about its rule's conditions and those about the tier. */
export function tierWarnings(warnings: readonly LintWarning[], tierKey: string): { rule: RuleIssue[]; tier: RuleIssue[] } {
  const mine = warnings.filter((w) => w.tierKey === tierKey);
  return {
    rule: warningIssues(mine.filter((w) => w.conditionId)),
    tier: warningIssues(mine.filter((w) => !w.conditionId)),
  };
}
