/**
 * The rule builder's working copy of a rule tree, and the pure edits the builder makes to it.
 *
 * While someone edits, a condition may be half-finished (no field yet, an empty value), so the
 * editor keeps a looser tree than RuleGroup: `toRuleJson` turns it into the JSON that parseRule
 * validates, and every error path parseRule reports (["children", 2, "value", "min"]) addresses
 * the same node here, because the two trees have the same shape. Groups carry a client-only
 * `key` (for React and focus), which `toRuleJson` drops: the rule schema has no group ids.
 */
import type { RulePath } from "@/lib/segmentation/rule";

export interface EditorCondition {
  kind: "condition";
  id: string;
  /** "" until a field is chosen. */
  field: string;
  /** "" until a field is chosen. */
  operator: string;
  value: unknown;
}

export interface EditorGroup {
  kind: "group";
  key: string;
  op: "and" | "or";
  negate: boolean;
  children: EditorNode[];
}

export type EditorNode = EditorCondition | EditorGroup;

/** Position of a node: child indexes from the root group ([] is the root itself). */
export type NodeAt = readonly number[];

/** A random id for a new condition or group; falls back when randomUUID is unavailable (plain HTTP). */
export function newId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function nodeKey(node: EditorNode): string {
  return node.kind === "condition" ? node.id : node.key;
}

export function emptyGroup(key: string = `g-${newId()}`, op: "and" | "or" = "and"): EditorGroup {
  return { kind: "group", key, op, negate: false, children: [] };
}

export function emptyCondition(id: string = newId()): EditorCondition {
  return { kind: "condition", id, field: "", operator: "", value: null };
}

/** The rule path parseRule uses for a node: [1, 0] -> ["children", 1, "children", 0]. */
export function rulePathOf(at: NodeAt): RulePath {
  return at.flatMap((index) => ["children", index]);
}

// ---- Converting from and to rule JSON ----------------------------------------------------

/**
 * Read a stored rule (or anything) into an editor tree without throwing: whatever cannot be
 * understood becomes an empty group or a condition that validation will flag. Group keys are
 * numbered in reading order so the server and the browser render the same markup.
 */
export function fromRuleJson(raw: unknown, keyPrefix = "g"): EditorGroup {
  let groups = 0;
  let conditions = 0;
  const readGroup = (input: Record<string, unknown>): EditorGroup => ({
    kind: "group",
    key: `${keyPrefix}${groups++}`,
    op: input.op === "or" ? "or" : "and",
    negate: input.negate === true,
    children: Array.isArray(input.children) ? input.children.flatMap((child) => readNode(child)) : [],
  });
  const readNode = (input: unknown): EditorNode[] => {
    if (!isRecord(input)) return [];
    if (input.kind === "group") return [readGroup(input)];
    if (input.kind !== "condition") return [];
    conditions++;
    return [
      {
        kind: "condition",
        id: typeof input.id === "string" && input.id.length > 0 ? input.id : `${keyPrefix}c${conditions}`,
        field: typeof input.field === "string" ? input.field : "",
        operator: typeof input.operator === "string" ? input.operator : "",
        value: input.value === undefined ? null : input.value,
      },
    ];
  };
  return isRecord(raw) && raw.kind === "group" ? readGroup(raw) : { ...emptyGroup(`${keyPrefix}${groups++}`) };
}

/** The JSON parseRule and the server actions take. */
export function toRuleJson(group: EditorGroup): Record<string, unknown> {
  const json: Record<string, unknown> = { kind: "group", op: group.op };
  if (group.negate) json.negate = true;
  json.children = group.children.map((child) =>
    child.kind === "group"
      ? toRuleJson(child)
      : { kind: "condition", id: child.id, field: child.field, operator: child.operator, value: child.value },
  );
  return json;
}

// ---- Reading and editing by position ----------------------------------------------------

export function nodeAt(root: EditorGroup, at: NodeAt): EditorNode | undefined {
  let node: EditorNode | undefined = root;
  for (const index of at) {
    if (node?.kind !== "group") return undefined;
    node = node.children[index];
  }
  return node;
}

/** Replace the node at `at` with `fn(node)`; the root must stay a group. */
export function updateAt(root: EditorGroup, at: NodeAt, fn: (node: EditorNode) => EditorNode): EditorGroup {
  if (at.length === 0) {
    const next = fn(root);
    return next.kind === "group" ? next : root;
  }
  const [first, ...rest] = at as [number, ...number[]];
  const child = root.children[first];
  if (!child) return root;
  const replaced = rest.length === 0 ? fn(child) : child.kind === "group" ? updateAt(child, rest, fn) : child;
  if (replaced === child) return root;
  const children = [...root.children];
  children[first] = replaced;
  return { ...root, children };
}

function updateChildren(root: EditorGroup, groupAt: NodeAt, fn: (children: EditorNode[]) => EditorNode[]): EditorGroup {
  return updateAt(root, groupAt, (node) => (node.kind === "group" ? { ...node, children: fn(node.children) } : node));
}

/** Append a node to the group at `groupAt` (or insert it at `index`). */
export function insertAt(root: EditorGroup, groupAt: NodeAt, node: EditorNode, index?: number): EditorGroup {
  return updateChildren(root, groupAt, (children) => {
    const next = [...children];
    next.splice(index ?? next.length, 0, node);
    return next;
  });
}

export function removeAt(root: EditorGroup, at: NodeAt): EditorGroup {
  if (at.length === 0) return root;
  const parent = at.slice(0, -1);
  const index = at[at.length - 1]!;
  return updateChildren(root, parent, (children) => children.filter((_, i) => i !== index));
}

/** Swap a node with its previous (-1) or next (+1) sibling; out of range is a no-op. */
export function moveAt(root: EditorGroup, at: NodeAt, delta: -1 | 1): EditorGroup {
  if (at.length === 0) return root;
  const parent = at.slice(0, -1);
  const index = at[at.length - 1]!;
  return updateChildren(root, parent, (children) => {
    const target = index + delta;
    if (target < 0 || target >= children.length) return children;
    const next = [...children];
    [next[index], next[target]] = [next[target]!, next[index]!];
    return next;
  });
}

/** A deep copy with fresh condition ids and group keys (ids must stay unique in a rule). */
export function cloneWithNewIds(node: EditorNode, makeId: () => string = newId): EditorNode {
  if (node.kind === "condition") return { ...node, id: makeId(), value: structuredClone(node.value) };
  return { ...node, key: `g-${makeId()}`, children: node.children.map((child) => cloneWithNewIds(child, makeId)) };
}

/** Insert a copy of the node right after it; returns the tree and the copy. */
export function duplicateAt(root: EditorGroup, at: NodeAt, makeId: () => string = newId): { tree: EditorGroup; copy: EditorNode | null } {
  const node = nodeAt(root, at);
  if (!node || at.length === 0) return { tree: root, copy: null };
  const copy = cloneWithNewIds(node, makeId);
  return { tree: insertAt(root, at.slice(0, -1), copy, at[at.length - 1]! + 1), copy };
}

/** Nodes on the longest path from this group to a leaf, this group included (as parseRule counts). */
export function depthOf(node: EditorNode): number {
  if (node.kind === "condition") return 1;
  return 1 + Math.max(0, ...node.children.map(depthOf));
}

export function countConditions(node: EditorNode): number {
  return node.kind === "condition" ? 1 : node.children.reduce((sum, child) => sum + countConditions(child), 0);
}

export function countGroups(node: EditorNode): number {
  return node.kind === "condition" ? 0 : 1 + node.children.reduce((sum, child) => sum + countGroups(child), 0);
}

/** Every condition with its position, in reading order (as "Condition N" in messages counts). */
export function listEditorConditions(root: EditorGroup): { condition: EditorCondition; at: number[] }[] {
  const out: { condition: EditorCondition; at: number[] }[] = [];
  const visit = (node: EditorNode, at: number[]) => {
    if (node.kind === "condition") out.push({ condition: node, at });
    else node.children.forEach((child, i) => visit(child, [...at, i]));
  };
  visit(root, []);
  return out;
}

/** A plain object (not null, not an array): what a stored rule node or a range value must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
