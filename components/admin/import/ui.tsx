import { cn } from "@/lib/utils/cn";
import { formatNumber } from "@/lib/utils/format";

export function Stat({ label, value, tone = "default", hint }: { label: string; value: number; tone?: "default" | "good" | "bad" | "muted"; hint?: string }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd
        className={cn(
          "tabular mt-1 text-2xl font-semibold",
          tone === "good" && "text-emerald-700",
          tone === "bad" && "text-red-700",
          tone === "muted" && "text-slate-500",
          tone === "default" && "text-slate-900",
        )}
      >
        {formatNumber(value)}
      </dd>
      {/* A second <dd>: a <dl> group holds only <dt> and <dd> elements. */}
      {hint && <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

/** A determinate bar when the total is known, an animated one otherwise. */
export function ProgressBar({ value, max, label }: { value: number; max: number | null; label: string }) {
  const percent = max ? Math.min(100, Math.round((value / Math.max(1, max)) * 100)) : null;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max ?? undefined}
      aria-valuenow={max ? Math.min(value, max) : undefined}
      aria-valuetext={max ? `${formatNumber(Math.min(value, max))} of ${formatNumber(max)}` : "Working"}
      className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div
        className={cn("h-full rounded-full bg-brand-600 transition-[width] duration-300", percent === null && "w-1/3 animate-pulse")}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
