/**
 * The SQL compiler: a validated rule to a Prisma.Sql boolean over `accounts a`, for
 * `SELECT ... FROM accounts a WHERE <rule>`. Same semantics as evaluate.ts.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { toIsoDate, type IsoDate } from "@/lib/segmentation/dates";
import type { RuleGroup, RuleNode } from "@/lib/segmentation/rule";
import { getField, type FieldKeyOfType } from "@/lib/segmentation/fields";
import { compileCondition, scalar } from "@/lib/segmentation/sql-condition";

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
