"use client";

import { useId, useMemo, useState } from "react";
import { MAX_CONDITIONS, MAX_DEPTH, MAX_GROUPS } from "@/lib/segmentation/schema";
import { BuilderContext, type BuilderApi } from "./builder-context";
import { GroupBlock } from "./group-block";
import { unplacedIssues, type RuleIssue } from "./issues";
import {
  countConditions,
  countGroups,
  duplicateAt,
  emptyCondition,
  emptyGroup,
  insertAt,
  listEditorConditions,
  moveAt,
  nodeAt,
  nodeKey,
  removeAt,
  updateAt,
  type EditorGroup,
} from "./rule-tree";
import { moveFocusTarget, usePendingFocus } from "./use-pending-focus";

export interface RuleBuilderProps {
  /** The rule being edited (see rule-tree.ts); the builder never keeps its own copy. */
  value: EditorGroup;
  onChange: (next: EditorGroup) => void;
  /** Errors and lint warnings to show in place (issues.ts). */
  issues?: readonly RuleIssue[];
  /** Show errors on conditions still being filled in, e.g. after a save was refused. */
  revealAll?: boolean;
  /** Accessible name of the whole builder, e.g. "Rule for Tier 1". */
  label: string;
  /** How to describe the root group in its header ("accounts" -> "Match accounts that meet…"). */
  subject?: string;
  /**
   * "criteria": the top-level items are separate criteria that each count on their own (the
   * ideal customer profile), so the root has no AND / OR / NOT and its items are numbered.
   */
  mode?: "rule" | "criteria";
}

/**
 * A visual editor for a rule tree: nested AND / OR groups (optionally NOT) of
 * `field operator value` conditions. Fields, operators and value inputs all come from the
 * registry (lib/segmentation). Every action is a button with an aria-label; focus follows
 * the thing acted on. Needs a CatalogProvider above it for technology and owner choices.
 */
export function RuleBuilder({ value, onChange, issues = [], revealAll = false, label, subject = "accounts", mode = "rule" }: RuleBuilderProps) {
  const baseId = useId();
  const { rootRef, focusNext } = usePendingFocus();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const [autoOpen, setAutoOpen] = useState<string | null>(null);

  const numbers = useMemo(() => new Map(listEditorConditions(value).map((c, i) => [c.condition.id, i + 1])), [value]);
  const conditions = countConditions(value);
  const groups = countGroups(value);

  const api: BuilderApi = {
    baseId,
    issues,
    revealAll,
    isFresh: (id) => fresh.has(id),
    conditionNumber: (id) => numbers.get(id) ?? 0,
    canAddCondition: conditions < MAX_CONDITIONS,
    canAddGroupAt: (depth) => depth + 2 <= MAX_DEPTH && groups < MAX_GROUPS && conditions < MAX_CONDITIONS,
    shouldAutoOpen: (id) => autoOpen === id,
    update: (at, fn, focus) => {
      if (focus) focusNext(focus);
      onChange(updateAt(value, at, fn));
    },
    updateCondition: (at, fn, options) => {
      const before = nodeAt(value, at);
      if (before?.kind !== "condition") return;
      if (options?.fresh) setFresh((s) => new Set(s).add(before.id));
      if (options?.focus) focusNext(options.focus);
      onChange(updateAt(value, at, (node) => (node.kind === "condition" ? fn(node) : node)));
    },
    touch: (id) => {
      if (fresh.has(id)) {
        setFresh((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      }
    },
    addCondition: (groupAt) => {
      const condition = emptyCondition();
      setFresh((s) => new Set(s).add(condition.id));
      setAutoOpen(condition.id);
      onChange(insertAt(value, groupAt, condition));
    },
    addGroup: (groupAt) => {
      const condition = emptyCondition();
      const parent = nodeAt(value, groupAt);
      // A new group starts with the other connective: that is why people add one.
      const group: EditorGroup = { ...emptyGroup(undefined, parent?.kind === "group" && parent.op === "and" ? "or" : "and"), children: [condition] };
      setFresh((s) => new Set(s).add(condition.id));
      setAutoOpen(condition.id);
      onChange(insertAt(value, groupAt, group));
    },
    remove: (at) => {
      const parentAt = at.slice(0, -1);
      const parent = nodeAt(value, parentAt);
      const index = at[at.length - 1] ?? 0;
      const siblings = parent?.kind === "group" ? parent.children : [];
      const neighbour = siblings[index + 1] ?? siblings[index - 1];
      focusNext(neighbour ? `${nodeKey(neighbour)}:${neighbour.kind === "condition" ? "field" : "op"}` : `${parent?.kind === "group" ? parent.key : ""}:add-condition`);
      onChange(removeAt(value, at));
    },
    move: (at, delta) => {
      const node = nodeAt(value, at);
      const parent = nodeAt(value, at.slice(0, -1));
      if (!node || parent?.kind !== "group") return;
      const target = (at[at.length - 1] ?? 0) + delta;
      focusNext(`${nodeKey(node)}:${moveFocusTarget(target, parent.children.length, delta)}`);
      onChange(moveAt(value, at, delta));
    },
    duplicate: (at) => {
      const { tree, copy } = duplicateAt(value, at);
      if (!copy) return;
      focusNext(`${nodeKey(copy)}:${copy.kind === "condition" ? "field" : "op"}`);
      onChange(tree);
    },
  };

  const floating = unplacedIssues(issues).filter((i) => i.severity === "error" || !revealAll);
  return (
    <BuilderContext.Provider value={api}>
      <div ref={rootRef} role="group" aria-label={label} className="space-y-2">
        {floating.length > 0 && (
          <ul className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
            {floating.map((issue, i) => (
              <li key={i}>{issue.message}</li>
            ))}
          </ul>
        )}
        <GroupBlock group={value} at={[]} depth={1} subject={subject} criteria={mode === "criteria"} isFirst isLast />
      </div>
    </BuilderContext.Provider>
  );
}
