import { Minus, TrendingDown, TrendingUp } from "lucide-react";
import type { SegmentSummary } from "@/lib/data/segments";
import { formatNumber } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";

/** Net change over the trend window (`days`, TREND_DAYS) from the ledger: "+12 in 30 days". */
export function SegmentTrend({ trend, days }: { trend: SegmentSummary["trend"]; days: number }) {
  const { net, entered, left } = trend;
  const Icon = net > 0 ? TrendingUp : net < 0 ? TrendingDown : Minus;
  const text = net === 0 ? `No net change in ${days} days` : `${net > 0 ? "+" : "−"}${formatNumber(Math.abs(net))} in ${days} days`;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        net > 0 && "bg-emerald-50 text-emerald-800 ring-emerald-200",
        net < 0 && "bg-rose-50 text-rose-800 ring-rose-200",
        net === 0 && "bg-slate-50 text-slate-600 ring-slate-200",
      )}
      title={`${formatNumber(entered)} entered, ${formatNumber(left)} left in the last ${days} days`}
      data-testid="segment-trend"
    >
      <Icon className="h-3.5 w-3.5" aria-hidden />
      {text}
      <span className="sr-only">
        {" "}
        ({formatNumber(entered)} entered, {formatNumber(left)} left)
      </span>
    </span>
  );
}
