"use client";

import { useState, useTransition } from "react";
import { dismissAllChangesAction, dismissChangeGroupAction } from "@/lib/actions/today";
import type { ActionResult } from "@/lib/actions/result";
import { cn } from "@/lib/utils/cn";

/** Runs a dismissal; the page re-renders without the group (revalidated), or the error shows beside the button. */
function useDismiss(run: () => Promise<ActionResult>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const dismiss = () =>
    startTransition(async () => {
      const result = await run();
      setError(result.ok ? null : result.error);
    });
  return { pending, error, dismiss };
}

function DismissButton({ label, srLabel, run, className }: { label: string; srLabel?: string; run: () => Promise<ActionResult>; className?: string }) {
  const { pending, error, dismiss } = useDismiss(run);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={dismiss}
        disabled={pending}
        aria-label={srLabel}
        className={cn(
          "rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-60",
          className,
        )}
      >
        {pending ? "Dismissing…" : label}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}

/** Hide one group up to the newest entry shown (`upTo`, ISO): anything newer still shows. */
export function DismissGroupButton({ groupKey, upTo, title }: { groupKey: string; upTo: string; title: string }) {
  return <DismissButton label="Dismiss" srLabel={`Dismiss: ${title}`} run={() => dismissChangeGroupAction(groupKey, upTo)} />;
}

export function DismissAllButton() {
  return <DismissButton label="Dismiss all" run={() => dismissAllChangesAction()} className="ring-1 ring-inset ring-slate-300" />;
}
