/**
 * The SQL compiler: a validated rule to a Prisma.Sql boolean over `accounts a`, for
 * `SELECT ... FROM accounts a WHERE <rule>`. Same semantics as evaluate.ts.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { toIsoDate, type IsoDate } from "@/lib/segmentation/dates";
import type { RuleCondition, RuleGroup, RuleNode } from "@/lib/segmentation/rule";
import { getField, type FieldKeyOfType } from "@/lib/segmentation/fields";
import { compileCondition, compileDisagreement, scalar } from "@/lib/segmentation/sql-condition";

/**
 * `asOf` is the evaluation date; its UTC calendar day is bound as a SQL `date`, so the session
 * time zone does not matter.
 */
export function compileRule(rule: RuleGroup, asOf: Date): Prisma.Sql {
  return compileNode(rule, toIsoDate(asOf));
}

function compileNode(node: RuleNode, asOf: IsoDate): Prisma.Sql {
  if (node.kind === "condition") return compileCondition(node, asOf);
  // Empty AND matches every account, empty OR none, as in the evaluator.
  const body =
    node.children.length === 0
      ? Prisma.raw(node.op === "and" ? "TRUE" : "FALSE")
      : Prisma.sql`(${Prisma.join(
          node.children.map((child) => compileNode(child, asOf)),
          node.op === "and" ? " AND " : " OR ",
        )})`;
  return node.negate ? Prisma.sql`(NOT ${body})` : body;
}

/**
 * `CASE WHEN <tier 1 rule> THEN <id 1> WHEN ... ELSE NULL END`: the id of the first tier whose
 * rule matches, as assignTier picks it. `tierIdByKey` maps tier keys to tiers.id.
 */
export function compileTierCase(
  tiers: readonly { key: string; rule: RuleGroup }[],
  tierIdByKey: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  asOf: Date,
): Prisma.Sql {
  if (tiers.length === 0) return Prisma.sql`CAST(NULL AS integer)`;
  const day = toIsoDate(asOf);
  const branches = tiers.map((tier) => {
    const id = tierIdFor(tierIdByKey, tier.key);
    if (id === undefined || !Number.isInteger(id)) throw new Error(`No tier id for tier key ${JSON.stringify(tier.key)}`);
    return Prisma.sql`WHEN ${compileNode(tier.rule, day)} THEN CAST(${id} AS integer)`;
  });
  return Prisma.sql`(CASE ${Prisma.join(branches, " ")} ELSE NULL END)`;
}

/**
 * Where two tier schemes can place an account in different tiers, as a condition on `accounts a`
 * that the changed fields' indexes can answer, when the schemes differ only in condition values:
 * the same tier keys in the same order, rules of the same shape, each condition on the same field
 * with the same operator. An account on which every changed condition agrees meets each tier's
 * rule under both schemes or under neither, so its first tier is the same; the condition covers
 * every account a changed condition can disagree on (compileDisagreement). FALSE when the rules
 * are the same; null when the schemes differ otherwise, or a changed condition has no such form.
 * The usual edit, a tier's bar raised or lowered, then finds its accounts through one range of an
 * index instead of testing every account.
 */
export function compileSchemeDisagreement(
  before: readonly { key: string; rule: RuleGroup }[],
  after: readonly { key: string; rule: RuleGroup }[],
  asOf: Date,
): Prisma.Sql | null {
  if (before.length !== after.length || before.some((tier, i) => tier.key !== after[i]!.key)) return null;
  const changed: [RuleCondition, RuleCondition][] = [];
  if (!before.every((tier, i) => pairConditions(tier.rule, after[i]!.rule, changed))) return null;
  if (changed.length === 0) return Prisma.sql`FALSE`;
  const day = toIsoDate(asOf);
  const parts: Prisma.Sql[] = [];
  for (const [b, a] of changed) {
    const part = compileDisagreement(b, a, day);
    if (!part) return null;
    parts.push(part);
  }
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/** Whether two trees have the same shape; collects the conditions whose values differ. */
function pairConditions(before: RuleNode, after: RuleNode, changed: [RuleCondition, RuleCondition][]): boolean {
  if (before.kind === "condition" || after.kind === "condition") {
    if (before.kind !== "condition" || after.kind !== "condition") return false;
    if (before.field !== after.field || before.operator !== after.operator) return false;
    if (JSON.stringify(before.value) !== JSON.stringify(after.value)) changed.push([before, after]);
    return true;
  }
  return (
    before.op === after.op &&
    Boolean(before.negate) === Boolean(after.negate) &&
    before.children.length === after.children.length &&
    before.children.every((child, i) => pairConditions(child, after.children[i]!, changed))
  );
}

function tierIdFor(ids: ReadonlyMap<string, number> | Readonly<Record<string, number>>, key: string): number | undefined {
  if (isMap(ids)) return ids.get(key);
  // hasOwn: a key such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(ids, key) ? ids[key] : undefined;
}

function isMap(value: object): value is ReadonlyMap<string, number> {
  return value instanceof Map;
}

/**
 * The SQL value of a number or money field over `accounts a` as of `asOf`, exactly as conditions
 * compare it (suggested thresholds compute percentiles of it).
 */
export function compileNumericField(key: FieldKeyOfType<"number" | "money">, asOf: Date): Prisma.Sql {
  return scalar(getField(key).sql, toIsoDate(asOf));
}
