"use client";

import { cn } from "@/lib/utils/cn";

/** One category of the account's stack, labels and dates formatted by the server. */
export interface TechnologyGroupView {
  category: string;
  label: string;
  /** Confidence 0..1. */
  technologies: { id: number; name: string; vendor: string; confidence: number; firstDetected: string; lastDetected: string }[];
}

function confidenceTone(confidence: number): string {
  if (confidence >= 0.8) return "bg-emerald-500";
  if (confidence >= 0.5) return "bg-amber-500";
  return "bg-slate-400";
}

/**
 * The technology stack by category, rendered in the browser from its data: as server markup each
 * technology was ~12 elements of the page's payload.
 */
export function TechnologyGroups({ groups }: { groups: TechnologyGroupView[] }) {
  return (
    <div className="grid gap-x-6 gap-y-5 md:grid-cols-2">
      {groups.map((group) => (
        <div key={group.category} className="min-w-0">
          <h3 className="flex items-center justify-between text-xs font-semibold uppercase tracking-wide text-slate-600">
            {group.label}
            <span className="tabular rounded-full bg-slate-100 px-2 py-0.5 text-[11px] font-medium normal-case tracking-normal text-slate-600">
              {group.technologies.length}
            </span>
          </h3>
          <ul className="mt-2 space-y-2">
            {group.technologies.map((tech) => {
              const percent = Math.round(tech.confidence * 100);
              return (
                <li key={tech.id} className="rounded-lg px-3 py-2 ring-1 ring-inset ring-slate-200">
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">{tech.name}</p>
                      <p className="text-xs text-slate-600">{tech.vendor}</p>
                    </div>
                    <span className="tabular mt-0.5 inline-flex shrink-0 items-center gap-1.5 text-xs font-medium text-slate-700">
                      <span className="h-1.5 w-10 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                        <span className={cn("block h-full rounded-full", confidenceTone(tech.confidence))} style={{ width: `${percent}%` }} />
                      </span>
                      {percent}%<span className="sr-only"> confidence</span>
                    </span>
                  </div>
                  <p className="mt-1 text-xs text-slate-600">
                    First detected <span className="whitespace-nowrap">{tech.firstDetected}</span> · last{" "}
                    <span className="whitespace-nowrap">{tech.lastDetected}</span>
                  </p>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
