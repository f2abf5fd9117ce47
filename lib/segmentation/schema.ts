/**
 * Validation of rule trees and tier schemes from untrusted input (JSON from the editor or the
 * database). Every error names the condition it is about and carries its id and JSON path so
 * the editor can highlight it.
 */
import { z } from "@/lib/validation/zod";
import { findField, type FieldDefinition } from "@/lib/segmentation/fields";
import { findOperator, operatorsFor, type OperatorDefinition } from "@/lib/segmentation/operators";
import { conditionName, type RuleCondition, type RuleGroup, type RuleNode, type RulePath } from "@/lib/segmentation/rule";
import { VALUE_SHAPES, checkValueForField, quote, type RuleContext } from "@/lib/segmentation/values";

export type { RuleCondition, RuleGroup, RuleNode, RulePath } from "@/lib/segmentation/rule";
export type { RuleContext } from "@/lib/segmentation/values";

/** Nodes on the longest path from the root group to a leaf, both included. */
export const MAX_DEPTH = 6;
export const MAX_CONDITIONS = 100;
export const MAX_GROUPS = 100;
/** Enough to fix a rule; more would only flood the editor (and cost time on hostile input). */
export const MAX_ERRORS = 50;
/** Keys that could reach Object.prototype if the tree were ever merged into another object. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export interface RuleError {
  message: string;
  /** The condition the error is about, when it has a usable id. */
  conditionId: string | null;
  /** 1-based reading-order number used in the message ("Condition 3"), when about a condition. */
  conditionIndex: number | null;
  /** JSON path from the rule root, e.g. ["children", 2, "value", "min"]. */
  path: RulePath;
}

export type ParseRuleResult = { ok: true; rule: RuleGroup } | { ok: false; errors: RuleError[] };

const groupShape = z.strictObject({
  kind: z.literal("group"),
  op: z.enum(["and", "or"], { error: 'op must be "and" or "or"' }),
  negate: z.boolean({ error: "negate must be true or false" }).optional(),
  children: z.array(z.unknown(), { error: "children must be a list" }),
});

const conditionShape = z.strictObject({
  kind: z.literal("condition"),
  id: z
    .string({ error: "id must be text" })
    .min(1, { error: "id cannot be empty" })
    .max(100, { error: "id must be at most 100 characters" }),
  field: z.string({ error: "field must be a field name" }),
  operator: z.string({ error: "operator must be an operator name" }),
  value: z.unknown().optional(),
});

interface ParseState {
  errors: RuleError[];
  conditions: number;
  groups: number;
  idOwners: Map<string, number>;
  context: RuleContext;
  reportedTooMany: boolean;
}

/** Validate a rule tree. Parse from `unknown`: the root must be a group. */
export function parseRule(input: unknown, context: RuleContext = {}): ParseRuleResult {
  const state: ParseState = { errors: [], conditions: 0, groups: 0, idOwners: new Map(), context, reportedTooMany: false };
  const rule = parseNode(input, [], 1, state, "The rule");
  if (state.errors.length > 0 || !rule) return { ok: false, errors: state.errors.slice(0, MAX_ERRORS) };
  if (rule.kind !== "group") {
    const message = "The rule must be a group (AND / OR) of conditions";
    return { ok: false, errors: [{ message, conditionId: rule.id, conditionIndex: 1, path: [] }] };
  }
  return { ok: true, rule };
}

function parseNode(input: unknown, path: RulePath, depth: number, state: ParseState, where: string): RuleNode | null {
  if (!isPlainObject(input)) {
    addError(state, `${where}: expected a group or a condition`, path);
    return null;
  }
  const kind = Object.hasOwn(input, "kind") ? input.kind : undefined;
  if (kind === "condition") return parseCondition(input, path, depth, state);
  if (kind === "group") return parseGroup(input, path, depth, state);
  addError(state, `${where}: kind must be "group" or "condition"`, [...path, "kind"]);
  return null;
}

function parseGroup(input: Record<string, unknown>, path: RulePath, depth: number, state: ParseState): RuleGroup | null {
  const number = ++state.groups;
  const name = path.length === 0 ? "The rule" : `Group ${number}`;
  if (depth > MAX_DEPTH) {
    addError(state, `${name}: is nested ${depth} levels deep; rules may nest at most ${MAX_DEPTH} levels`, path);
    return null;
  }
  if (number > MAX_GROUPS) {
    addError(state, `${name}: the rule has more than ${MAX_GROUPS} groups; split it into smaller rules`, path);
    return null;
  }
  if (reportForbiddenKeys(input, path, state, name)) return null;
  const shape = groupShape.safeParse(input);
  if (!shape.success) addZodIssues(state, shape.error, path, name, null, null);
  const rawChildren = Array.isArray(input.children) ? input.children : [];
  const children: RuleNode[] = [];
  for (const [i, child] of rawChildren.entries()) {
    if (state.conditions > MAX_CONDITIONS || state.groups > MAX_GROUPS || state.errors.length >= MAX_ERRORS) break;
    const parsed = parseNode(child, [...path, "children", i], depth + 1, state, `Item ${i + 1} of ${lowerName(name)}`);
    if (parsed) children.push(parsed);
  }
  if (!shape.success) return null;
  const group: RuleGroup = { kind: "group", op: shape.data.op, children };
  if (shape.data.negate !== undefined) group.negate = shape.data.negate;
  return group;
}

function parseCondition(input: Record<string, unknown>, path: RulePath, depth: number, state: ParseState): RuleCondition | null {
  const index = ++state.conditions;
  const id = typeof input.id === "string" && input.id.length > 0 ? input.id : null;
  const rawField = typeof input.field === "string" ? input.field : null;
  const rawOperator = typeof input.operator === "string" ? input.operator : null;
  const field = rawField === null ? undefined : findField(rawField);
  const operator = field && rawOperator !== null ? findOperator(field.type, rawOperator) : undefined;
  const name = conditionName(index, field?.label ?? truncate(rawField), operator?.label ?? truncate(rawOperator));
  const fail = (message: string, at: RulePath = path) => {
    addError(state, `${name}: ${message}`, at, id, index);
    return null;
  };

  if (depth > MAX_DEPTH) return fail(`is nested ${depth} levels deep; rules may nest at most ${MAX_DEPTH} levels`);
  if (index > MAX_CONDITIONS) {
    if (state.reportedTooMany) return null;
    state.reportedTooMany = true;
    return fail(`the rule has more than ${MAX_CONDITIONS} conditions; split it into smaller rules`);
  }
  if (reportForbiddenKeys(input, path, state, name, id, index)) return null;

  const shape = conditionShape.safeParse(input);
  if (!shape.success) addZodIssues(state, shape.error, path, name, id, index);
  if (id !== null) {
    const owner = state.idOwners.get(id);
    if (owner !== undefined) fail(`id ${quote(id)} is already used by condition ${owner}`, [...path, "id"]);
    else state.idOwners.set(id, index);
  }
  if (rawField !== null && !field) return fail(`unknown field ${quote(rawField)}`, [...path, "field"]);
  if (field && rawOperator !== null && !operator) {
    const allowed = operatorsFor(field.type).map((operator) => operator.key);
    return fail(`${quote(rawOperator)} is not an operator for ${field.type} fields; use one of: ${allowed.join(", ")}`, [
      ...path,
      "operator",
    ]);
  }
  if (!shape.success || !field || !operator) return null;

  const value = parseValue(input.value, field, operator, state.context);
  if (!value.ok) {
    for (const issue of value.issues) fail(issue.message, [...path, "value", ...issue.path]);
    return null;
  }
  // Sound: the field, the operator allowed for its type and the value of that operator's shape
  // were all checked just above; TypeScript cannot follow a registry looked up at runtime.
  return { kind: "condition", id: shape.data.id, field: field.key, operator: operator.key, value: value.data } as RuleCondition;
}

type ParsedValue = { ok: true; data: unknown } | { ok: false; issues: { message: string; path: RulePath }[] };

function parseValue(raw: unknown, field: FieldDefinition, operator: OperatorDefinition, context: RuleContext): ParsedValue {
  const forbidden = findForbiddenKey(raw, 0);
  if (forbidden) return { ok: false, issues: [{ message: `forbidden key ${quote(forbidden.key)} in the value`, path: forbidden.path }] };
  const shaped = VALUE_SHAPES[operator.value].safeParse(raw);
  if (!shaped.success) {
    const issues = shaped.error.issues.map((issue) => ({ message: valueIssueMessage(issue, raw), path: issue.path.map(pathKey) }));
    return { ok: false, issues };
  }
  const issues = checkValueForField(field, operator.value, shaped.data, context).map((issue) => ({ ...issue, path: [...issue.path] }));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, data: shaped.data };
}

/**
 * Messages that start with "must" or "is" get their subject: "value must be a number",
 * "max must be a number", "item 2 must be a technology id", '"TOASTERS" is not a technology
 * category'. Other messages are complete ("minimum is greater than maximum").
 */
function valueIssueMessage(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === "unrecognized_keys") return `value has ${unexpectedKeys(issue.keys)}`;
  if (!/^(must|is) /.test(issue.message)) return issue.message;
  const last = issue.path[issue.path.length - 1];
  if (typeof last !== "number") return `${last === undefined ? "value" : String(last)} ${issue.message}`;
  const item = valueAt(raw, issue.path);
  return `${typeof item === "string" ? quote(item) : `item ${last + 1}`} ${issue.message}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw;
  for (const key of path) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function addZodIssues(state: ParseState, error: z.ZodError, path: RulePath, name: string, id: string | null, index: number | null) {
  for (const issue of error.issues) {
    const at = [...path, ...issue.path.map(pathKey)];
    if (issue.code === "unrecognized_keys") {
      addError(state, `${name}: ${unexpectedKeys(issue.keys)}`, at, id, index);
    } else if (issue.code === "invalid_value" && issue.path[0] === "kind") {
      continue; // kind was already checked by parseNode
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      addError(state, `${name}: ${String(issue.path[0] ?? "value")} is missing`, at, id, index);
    } else {
      addError(state, `${name}: ${issue.message}`, at, id, index);
    }
  }
}

function reportForbiddenKeys(
  input: Record<string, unknown>,
  path: RulePath,
  state: ParseState,
  name: string,
  id: string | null = null,
  index: number | null = null,
): boolean {
  const keys = Object.keys(input).filter((key) => FORBIDDEN_KEYS.has(key));
  for (const key of keys) addError(state, `${name}: forbidden key ${quote(key)}`, [...path, key], id, index);
  return keys.length > 0;
}

/** Values are small (at most a range object inside a condition), so a shallow bounded scan suffices. */
function findForbiddenKey(value: unknown, depth: number): { key: string; path: RulePath } | null {
  if (depth > 4 || typeof value !== "object" || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) return { key, path: [key] };
    const nested = findForbiddenKey(child, depth + 1);
    if (nested) return { key: nested.key, path: [Array.isArray(value) ? Number(key) : key, ...nested.path] };
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function addError(
  state: ParseState,
  message: string,
  path: RulePath,
  conditionId: string | null = null,
  conditionIndex: number | null = null,
) {
  state.errors.push({ message, conditionId, conditionIndex, path });
}

function truncate(text: string | null): string | null {
  return text !== null && text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === "number" ? key : String(key);
}

function unexpectedKeys(keys: readonly string[]): string {
  return `unexpected ${keys.length === 1 ? "key" : "keys"} ${keys.map(quote).join(", ")}`;
}

function lowerName(name: string): string {
  return name === "The rule" ? "the rule" : name.toLowerCase();
}

/**
 * parseRule as a zod schema, for embedding a rule in a larger form or action schema.
 * Issues carry the condition-naming messages and paths of parseRule.
 */
export function ruleSchema(context: RuleContext = {}) {
  return z.unknown().transform((input, ctx): RuleGroup => {
    const result = parseRule(input, context);
    if (result.ok) return result.rule;
    for (const error of result.errors) ctx.addIssue({ code: "custom", message: error.message, path: error.path });
    return z.NEVER;
  });
}
