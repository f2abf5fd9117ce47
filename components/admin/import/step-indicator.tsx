import { Check } from "lucide-react";
import { cn } from "@/lib/utils/cn";

export const STEPS = ["Upload", "Map columns", "Dry run", "Commit"] as const;
export type StepNumber = 1 | 2 | 3 | 4;

/** Where the admin is: done steps ticked, the current one marked for assistive technology too. */
export function StepIndicator({ current, done }: { current: StepNumber; done: StepNumber[] }) {
  return (
    <nav aria-label="Import steps">
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {STEPS.map((label, i) => {
          const step = (i + 1) as StepNumber;
          const isCurrent = step === current;
          const isDone = done.includes(step) && !isCurrent;
          return (
            <li
              key={label}
              aria-current={isCurrent ? "step" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-lg px-3 py-2.5 text-sm ring-1 ring-inset",
                isCurrent ? "bg-brand-50 font-semibold text-brand-900 ring-brand-200" : "bg-white text-slate-600 ring-slate-200",
              )}
            >
              <span
                className={cn(
                  "flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                  isCurrent && "bg-brand-600 text-white",
                  isDone && "bg-emerald-600 text-white",
                  !isCurrent && !isDone && "bg-slate-100 text-slate-600",
                )}
                aria-hidden="true"
              >
                {isDone ? <Check className="h-3.5 w-3.5" /> : step}
              </span>
              <span>
                <span className="sr-only">Step {step}: </span>
                {label}
                {isDone && <span className="sr-only"> (done)</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
