"use client";

import { ArrowDown, ArrowUp, CircleAlert, Copy, FolderPlus, Plus, Trash2 } from "lucide-react";
import { MAX_DEPTH } from "@/lib/segmentation/schema";
import { cn } from "@/lib/utils/cn";
import { useBuilder } from "./builder-context";
import { ConditionRow } from "./condition-row";
import { GroupHeading } from "./group-heading";
import { groupIssues, shortMessage } from "./issues";
import { nodeKey, rulePathOf, type EditorCondition, type EditorGroup, type NodeAt } from "./rule-tree";
import { IconButton } from "./ui";

/** A group of a rule: its heading and buttons, its problems, its children in order, and "Add condition / group". */
export function GroupBlock({
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
