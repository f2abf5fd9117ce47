"use client";

import { cn } from "@/lib/utils/cn";
import { useBuilder } from "./builder-context";
import type { EditorGroup, NodeAt } from "./rule-tree";

/** "Match accounts that meet [All|Any] of these conditions [NOT]": the group's connective and negation. */
export function GroupHeading({
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
              group.op === op ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
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
