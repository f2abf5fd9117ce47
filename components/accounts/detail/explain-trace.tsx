"use client";

/**
 * Rule traces, rendered in the browser from the trace's data: an account page shows a dozen of
 * them (tiers, every segment, the ideal profile, plays), and as server markup each condition cost
 * ~900 bytes of the page's payload (and the server's CPU to render and serialise them) where its
 * data is ~150.
 */
import { CircleCheck, CircleX } from "lucide-react";
import type { GroupTraceView, TraceView } from "@/lib/data/explain";
import { cn } from "@/lib/utils/cn";

/** How a group combines its children, said the way a person reads it. */
function groupLabel(group: Pick<GroupTraceView, "op" | "negate">): string {
  if (group.negate) return group.op === "and" ? "Not all of" : "None of";
  return group.op === "and" ? "All of" : "Any of";
}

/** The sentence above a rule's conditions. */
function ruleCaption(group: GroupTraceView): string {
  if (group.children.length === 0) return group.op === "and" ? "The rule has no conditions: every account matches." : "The rule is empty: no account matches.";
  if (group.children.length === 1 && !group.negate) return "The condition:";
  if (group.negate) return group.op === "and" ? "Not all of these may hold:" : "None of these may hold:";
  return group.op === "and" ? "All of these must hold:" : "At least one of these must hold:";
}

export function PassMark({ passed, className }: { passed: boolean; className?: string }) {
  const Icon = passed ? CircleCheck : CircleX;
  return (
    <>
      <Icon className={cn("h-4 w-4 shrink-0", passed ? "text-emerald-600" : "text-rose-600", className)} aria-hidden />
      <span className="sr-only">{passed ? "Met:" : "Not met:"}</span>
    </>
  );
}

function Node({ node }: { node: TraceView }) {
  if (node.kind === "condition") {
    return (
      <li className="flex gap-2" data-testid="trace-condition" data-passed={node.passed}>
        <PassMark passed={node.passed} className="mt-0.5" />
        <div className="min-w-0 text-sm">
          <p className={node.passed ? "text-slate-800" : "text-slate-900"}>{node.description}</p>
          <p className="text-xs text-slate-600">
            Actual: <span className={cn("font-medium", node.passed ? "text-slate-700" : "text-rose-700")}>{node.actual}</span>
          </p>
        </div>
      </li>
    );
  }
  return (
    <li className="flex gap-2">
      <PassMark passed={node.passed} className="mt-0.5" />
      <div className="min-w-0 flex-1">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{groupLabel(node)}</p>
        <TraceChildren nodes={node.children} nested />
      </div>
    </li>
  );
}

function TraceChildren({ nodes, nested = false }: { nodes: TraceView[]; nested?: boolean }) {
  return (
    <ul className={cn("space-y-2", nested && "mt-1.5 border-l-2 border-slate-100 pl-3")}>
      {nodes.map((node, i) => (
        <Node key={node.kind === "condition" ? node.id : `g${i}`} node={node} />
      ))}
    </ul>
  );
}

/** A rule's trace: each condition with the account's actual value and a ✓ or ✗. */
export function RuleTrace({ trace, caption = true }: { trace: GroupTraceView; caption?: boolean }) {
  return (
    <div className="space-y-2">
      {caption && <p className="text-xs text-slate-600">{ruleCaption(trace)}</p>}
      {trace.children.length > 0 && <TraceChildren nodes={trace.children} />}
    </div>
  );
}

/** A flat list of trace nodes (e.g. the ideal profile's criteria). */
export function TraceList({ nodes }: { nodes: TraceView[] }) {
  return <TraceChildren nodes={nodes} />;
}
