"use client";

import { ArrowDown, ArrowUp, CircleAlert, Copy, FolderPlus, Plus, Trash2 } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { MAX_CONDITIONS, MAX_DEPTH, MAX_GROUPS } from "@/lib/segmentation/schema";
import { cn } from "@/lib/utils/cn";
import { BuilderContext, useBuilder, type BuilderApi } from "./builder-context";
import { ConditionRow } from "./condition-row";
import { groupIssues, shortMessage, unplacedIssues, type RuleIssue } from "./issues";
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
  rulePathOf,
  updateAt,
  type EditorCondition,
  type EditorGroup,
  type NodeAt,
} from "./rule-tree";
import { IconButton } from "./ui";

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
  const rootRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const [autoOpen, setAutoOpen] = useState<string | null>(null);

  useEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    pendingFocus.current = null;
    rootRef.current?.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
  });

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
      if (focus) pendingFocus.current = focus;
      onChange(updateAt(value, at, fn));
    },
    updateCondition: (at, fn, options) => {
      const before = nodeAt(value, at);
      if (before?.kind !== "condition") return;
      if (options?.fresh) setFresh((s) => new Set(s).add(before.id));
      if (options?.focus) pendingFocus.current = options.focus;
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
      pendingFocus.current = neighbour
        ? `${nodeKey(neighbour)}:${neighbour.kind === "condition" ? "field" : "op"}`
        : `${parent?.kind === "group" ? parent.key : ""}:add-condition`;
      onChange(removeAt(value, at));
    },
    move: (at, delta) => {
      const node = nodeAt(value, at);
      const parent = nodeAt(value, at.slice(0, -1));
      if (!node || parent?.kind !== "group") return;
      const target = (at[at.length - 1] ?? 0) + delta;
      const atEdge = target === 0 || target === parent.children.length - 1;
      // Keep focus on the button pressed, unless it just became disabled.
      pendingFocus.current = `${nodeKey(node)}:${atEdge ? (delta < 0 ? "down" : "up") : delta < 0 ? "up" : "down"}`;
      onChange(moveAt(value, at, delta));
    },
    duplicate: (at) => {
      const { tree, copy } = duplicateAt(value, at);
      if (!copy) return;
      pendingFocus.current = `${nodeKey(copy)}:${copy.kind === "condition" ? "field" : "op"}`;
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

function GroupBlock({
  group,
  at,
  depth,
  subject,
  criteria = false,
  isFirst,
  isLast,
}: {
  group: EditorGroup;
  at: NodeAt;
  depth: number;
  subject: string;
  criteria?: boolean;
  isFirst: boolean;
  isLast: boolean;
}) {
  const api = useBuilder();
  const isRoot = at.length === 0;
  const path = rulePathOf(at);
  const problems = groupIssues(api.issues, path).filter((i) => i.severity === "error");
  const focus = (what: string) => `${group.key}:${what}`;
  const connective = group.op === "and" ? "and" : "or";
  const headingId = `${api.baseId}-${group.key}-heading`;
  const empty = group.children.length === 0;

  return (
    <div
      role={isRoot ? undefined : "group"}
      aria-label={isRoot ? undefined : `Group: ${group.negate ? "not " : ""}${group.op === "and" ? "all" : "any"} of the following`}
      className={cn(
        "rounded-lg",
        isRoot ? "" : "border border-slate-200 bg-slate-50/70 p-2 pl-3",
        !isRoot && group.negate && "border-amber-300 bg-amber-50/40",
        problems.length > 0 && "ring-1 ring-red-300",
      )}
    >
      <div className="flex flex-wrap items-center justify-between gap-2 px-1 pb-1">
        <GroupHeading group={group} at={at} headingId={headingId} isRoot={isRoot} subject={subject} criteria={criteria} />
        {!isRoot && (
          <div className="flex items-center gap-0.5">
            <IconButton label="Move group up" disabled={isFirst} onClick={() => api.move(at, -1)} data-focus={focus("up")}>
              <ArrowUp className="h-4 w-4" aria-hidden />
            </IconButton>
            <IconButton label="Move group down" disabled={isLast} onClick={() => api.move(at, 1)} data-focus={focus("down")}>
              <ArrowDown className="h-4 w-4" aria-hidden />
            </IconButton>
            <IconButton label="Duplicate group" disabled={!api.canAddGroupAt(depth - 1)} onClick={() => api.duplicate(at)} data-focus={focus("duplicate")}>
              <Copy className="h-4 w-4" aria-hidden />
            </IconButton>
            <IconButton label="Remove group" tone="danger" onClick={() => api.remove(at)} data-focus={focus("remove")}>
              <Trash2 className="h-4 w-4" aria-hidden />
            </IconButton>
          </div>
        )}
      </div>

      {problems.length > 0 && (
        <ul className="mb-1 space-y-0.5 px-1 text-sm text-red-700">
          {problems.map((issue, i) => (
            <li key={i} className="flex items-start gap-1.5">
              <CircleAlert className="mt-0.5 h-3.5 w-3.5 shrink-0" aria-hidden />
              {shortMessage(issue.message)}
            </li>
          ))}
        </ul>
      )}

      {empty ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-500">
          No conditions yet.{" "}
          {criteria
            ? "Without criteria every account's fit is 0."
            : group.negate
            ? group.op === "and"
              ? "Negated, an empty “all” group matches no account."
              : "Negated, an empty “any” group matches every account."
            : group.op === "and"
              ? "An empty “all” group matches every account."
              : "An empty “any” group matches no account."}
        </p>
      ) : (
        <ol className="space-y-1">
          {group.children.map((child, i) => {
            const childAt = [...at, i];
            return (
              <li key={nodeKey(child)} className="flex items-start gap-1">
                <span
                  aria-hidden="true"
                  className={cn(
                    "mt-2.5 w-9 shrink-0 text-right text-[11px] font-semibold uppercase tracking-wide",
                    criteria ? "text-slate-500" : i === 0 ? "text-slate-400" : group.op === "and" ? "text-brand-700" : "text-amber-700",
                  )}
                >
                  {criteria ? `${i + 1}.` : i === 0 ? "" : connective}
                </span>
                <div className="min-w-0 flex-1">
                  {child.kind === "group" ? (
                    <GroupBlock group={child} at={childAt} depth={depth + 1} subject={subject} isFirst={i === 0} isLast={i === group.children.length - 1} />
                  ) : (
                    <ConditionRow condition={child as EditorCondition} at={childAt} isFirst={i === 0} isLast={i === group.children.length - 1} />
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}

      <div className="flex flex-wrap items-center gap-1 pl-10 pt-1.5">
        <button
          type="button"
          onClick={() => api.addCondition(at)}
          disabled={!api.canAddCondition}
          data-focus={focus("add-condition")}
          className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-40"
        >
          <Plus className="h-4 w-4" aria-hidden />
          Add condition
          {!isRoot && <span className="sr-only"> to this group</span>}
        </button>
        <button
          type="button"
          onClick={() => api.addGroup(at)}
          disabled={!api.canAddGroupAt(depth)}
          title={api.canAddGroupAt(depth) ? undefined : `Rules nest at most ${MAX_DEPTH} levels deep`}
          data-focus={focus("add-group")}
          className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-40"
        >
          <FolderPlus className="h-4 w-4" aria-hidden />
          Add group
        </button>
      </div>
    </div>
  );
}

/** "Match accounts that meet [All|Any] of these conditions [NOT]": the group's connective and negation. */
function GroupHeading({
  group,
  at,
  headingId,
  isRoot,
  subject,
  criteria,
}: {
  group: EditorGroup;
  at: NodeAt;
  headingId: string;
  isRoot: boolean;
  subject: string;
  criteria: boolean;
}) {
  const api = useBuilder();
  const focus = (what: string) => `${group.key}:${what}`;
  if (criteria) {
    return (
      <p id={headingId} className="text-sm text-slate-700">
        Each criterion an account meets adds an equal share to its fit.
      </p>
    );
  }
  const setOp = (op: "and" | "or") => api.update(at, (node) => (node.kind === "group" ? { ...node, op } : node), focus(op === "and" ? "op" : "op-or"));
  const toggleNot = () => api.update(at, (node) => (node.kind === "group" ? { ...node, negate: !node.negate } : node), focus("not"));
  return (
    <div id={headingId} className="flex flex-wrap items-center gap-1.5 text-sm text-slate-700">
      <span className="sr-only">{isRoot ? "Rule" : "Group"}: </span>
      <span>{isRoot ? `Match ${subject} that${group.negate ? " do not" : ""} meet` : group.negate ? "Not" : ""}</span>
      <div
        role="group"
        aria-label={isRoot ? "Combine conditions with" : "Combine this group's conditions with"}
        className="inline-flex rounded-md bg-slate-100 p-0.5 ring-1 ring-inset ring-slate-200"
      >
        {(["and", "or"] as const).map((op) => (
          <button
            key={op}
            type="button"
            aria-pressed={group.op === op}
            data-focus={op === "and" ? focus("op") : focus("op-or")}
            onClick={() => setOp(op)}
            className={cn(
              "rounded px-2 py-0.5 text-xs font-semibold transition focus-visible:outline-2 focus-visible:outline-brand-600",
              group.op === op ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-500 hover:text-slate-800",
            )}
          >
            {op === "and" ? "All" : "Any"}
          </button>
        ))}
      </div>
      <span>of {isRoot ? "these conditions" : "the following"}</span>
      <button
        type="button"
        aria-pressed={group.negate}
        onClick={toggleNot}
        data-focus={focus("not")}
        title={group.negate ? "Stop negating this group" : "Negate this group: match what does NOT meet it"}
        className={cn(
          "ml-1 rounded px-1.5 py-0.5 text-[11px] font-bold tracking-wide ring-1 ring-inset transition focus-visible:outline-2 focus-visible:outline-brand-600",
          group.negate ? "bg-amber-100 text-amber-900 ring-amber-300" : "bg-white text-slate-600 ring-slate-200 hover:text-slate-800",
        )}
      >
        NOT
      </button>
    </div>
  );
}
