import { cn } from "@/lib/utils/cn";

/** One headline number with its label and an optional line of context. */
export function KpiTile({
  label,
  value,
  hint,
  tone = "default",
}: {
  label: string;
  value: string;
  hint?: React.ReactNode;
  tone?: "default" | "warning";
}) {
  return (
    <div className={cn("rounded-lg px-3.5 py-3 ring-1 ring-inset", tone === "warning" ? "bg-amber-50 ring-amber-200" : "bg-slate-50 ring-slate-200")}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="tabular mt-1 text-xl font-semibold text-slate-900">{value}</dd>
      {hint && <dd className={cn("mt-0.5 text-xs", tone === "warning" ? "text-amber-800" : "text-slate-600")}>{hint}</dd>}
    </div>
  );
}
