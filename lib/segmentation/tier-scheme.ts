/**
 * Validation of a tier scheme: an ordered list of tiers, each with a rule; an account belongs
 * to the first tier whose rule it matches.
 */
import { z } from "@/lib/validation/zod";
import { parseRule, type RuleContext, type RuleError, type RuleGroup } from "@/lib/segmentation/schema";

export const MAX_TIERS = 12;

export interface TierDefinition {
  /** Stable slug ("strategic"): publishing matches tiers rows by it, URLs and filters name tiers by it. */
  key: string;
  name: string;
  /** "#rrggbb" */
  color: string;
  rule: RuleGroup;
}

export interface TierScheme {
  tiers: TierDefinition[];
}

export interface TierSchemeError extends RuleError {
  /** 0-based position of the tier the error is about, when about one. */
  tierIndex: number | null;
}

export type ParseTierSchemeResult = { ok: true; scheme: TierScheme } | { ok: false; errors: TierSchemeError[] };

const tierShape = z.strictObject({
  key: z
    .string({ error: "key must be text" })
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: "key must be 1-40 lower-case letters, digits, - or _" })
    .refine((key) => !["constructor", "prototype"].includes(key), { error: "key is a reserved word" }),
  name: z
    .string({ error: "name must be text" })
    .trim()
    .min(1, { error: "name cannot be empty" })
    .max(60, { error: "name must be at most 60 characters" }),
  color: z.string({ error: "color must be text" }).regex(/^#[0-9a-fA-F]{6}$/, { error: "color must be written #rrggbb" }),
  rule: z.unknown(),
});

const schemeShape = z.strictObject({
  tiers: z
    .array(z.unknown(), { error: "tiers must be a list" })
    .min(1, { error: "add at least one tier" })
    .max(MAX_TIERS, { error: `a scheme has at most ${MAX_TIERS} tiers` }),
});

export function parseTierScheme(input: unknown, context: RuleContext = {}): ParseTierSchemeResult {
  const errors: TierSchemeError[] = [];
  const add = (message: string, path: (string | number)[], tierIndex: number | null, rule?: RuleError) =>
    errors.push({ message, path, tierIndex, conditionId: rule?.conditionId ?? null, conditionIndex: rule?.conditionIndex ?? null });

  const scheme = schemeShape.safeParse(input);
  if (!scheme.success) {
    for (const issue of scheme.error.issues) add(`Tier scheme: ${issue.message}`, issue.path.map(toKey), null);
    return { ok: false, errors };
  }

  const tiers: TierDefinition[] = [];
  const keys = new Map<string, number>();
  const names = new Map<string, number>();
  scheme.data.tiers.forEach((raw, i) => {
    const path = ["tiers", i];
    const parsed = tierShape.safeParse(raw);
    const label = parsed.success ? `Tier ${i + 1} (${JSON.stringify(parsed.data.name)})` : `Tier ${i + 1}`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(`${label}: ${issue.message}`, [...path, ...issue.path.map(toKey)], i);
      return;
    }
    const { key, name, color } = parsed.data;
    const keyOwner = keys.get(key);
    if (keyOwner !== undefined) add(`${label}: key ${JSON.stringify(key)} is already used by tier ${keyOwner + 1}`, [...path, "key"], i);
    else keys.set(key, i);
    const nameKey = name.toLowerCase();
    const nameOwner = names.get(nameKey);
    if (nameOwner !== undefined) add(`${label}: the name is already used by tier ${nameOwner + 1}`, [...path, "name"], i);
    else names.set(nameKey, i);

    const rule = parseRule(parsed.data.rule, context);
    if (!rule.ok) {
      for (const error of rule.errors) add(`${label}: ${error.message}`, [...path, "rule", ...error.path], i, error);
      return;
    }
    tiers.push({ key, name, color, rule: rule.rule });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scheme: { tiers } };
}

/** parseTierScheme as a zod schema, for forms and actions. */
export function tierSchemeSchema(context: RuleContext = {}) {
  return z.unknown().transform((input, ctx): TierScheme => {
    const result = parseTierScheme(input, context);
    if (result.ok) return result.scheme;
    for (const error of result.errors) ctx.addIssue({ code: "custom", message: error.message, path: error.path });
    return z.NEVER;
  });
}

function toKey(key: PropertyKey): string | number {
  return typeof key === "number" ? key : String(key);
}
