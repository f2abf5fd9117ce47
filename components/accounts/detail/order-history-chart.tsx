"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { formatMoney, formatMoneyCompact, plural } from "@/lib/utils/format";

export interface OrderHistoryPoint {
  /** "2025-03" */
  key: string;
  /** "Mar 2025" */
  label: string;
  total: number;
  count: number;
}

/** "$12k", "$1.2M": short enough for an axis. */
function axisMoney(value: number): string {
  return formatMoneyCompact(value).replace("K", "k");
}

/** "Mar 25" on the axis; the tooltip and table carry the full month. */
function axisMonth(key: string): string {
  const [year, month] = key.split("-");
  const name = new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  return `${name} ${year?.slice(2)}`;
}

function ChartTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const point = active ? (payload?.[0]?.payload as OrderHistoryPoint | undefined) : undefined;
  if (!point) return null;
  return (
    <div className="rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg">
      <div className="font-medium">{point.label}</div>
      <div className="tabular mt-0.5">{formatMoney(point.total)}</div>
      <div className="text-slate-300">
        {plural(point.count, "order")}
      </div>
    </div>
  );
}

/**
 * Monthly order value as bars. The picture is one image to assistive technology
 * (role="img" with a summary); the numbers are in the table the page renders beside it.
 */
export function OrderHistoryChart({ data, summary }: { data: OrderHistoryPoint[]; summary: string }) {
  return (
    <div role="img" aria-label={summary} className="mt-3 h-56 w-full sm:h-64" data-testid="order-history-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="key"
            tickFormatter={axisMonth}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
            tick={{ fill: "#475569", fontSize: 11 }}
            interval="preserveStartEnd"
            minTickGap={24}
          />
          <YAxis
            tickFormatter={axisMoney}
            tickLine={false}
            axisLine={false}
            tick={{ fill: "#475569", fontSize: 11 }}
            width={48}
            allowDecimals={false}
          />
          <Tooltip content={ChartTooltip} cursor={{ fill: "#eef2ff" }} isAnimationActive={false} />
          <Bar dataKey="total" name="Order value" fill="#4f46e5" radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
