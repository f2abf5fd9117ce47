"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { GroupOutcome } from "@/lib/backtest/summary";
import { formatLift } from "@/lib/backtest/summary";
import { formatMoney, formatMoneyCompact } from "@/lib/utils/format";

/**
 * Revenue per account in the horizon, one bar per group in its colour, with the average account
 * as a dashed line. Charts shown side by side share `max`, so their bars compare at a glance.
 * One image to assistive technology; the table has the numbers.
 */
export function OutcomeChart({ title, groups, average, max }: { title: string; groups: readonly GroupOutcome[]; average: number; max: number }) {
  const data = groups.map((g) => ({ name: g.name, value: g.revenuePerAccount, color: g.color, lift: g.lift }));
  const summary = `${title}: revenue per account — ${groups.map((g) => `${g.name} ${formatMoney(g.revenuePerAccount)} (${formatLift(g.lift)})`).join(", ")}; average ${formatMoney(average)}.`;
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</figcaption>
      <div role="img" aria-label={summary} className="h-48 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="name" interval={0} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={{ fill: "#334155", fontSize: 11 }} />
            <YAxis width={56} domain={[0, Math.max(max, 1)]} tickFormatter={(v: number) => formatMoneyCompact(v)} tickLine={false} axisLine={false} tick={{ fill: "#475569", fontSize: 11 }} />
            <Tooltip
              isAnimationActive={false}
              cursor={{ fill: "#eef2ff" }}
              formatter={(value, _name, item) => [`${formatMoney(Number(value))} (${formatLift((item.payload as { lift: number | null }).lift)})`, "Per account"]}
            />
            <ReferenceLine y={average} stroke="#64748b" strokeDasharray="4 3" label={{ value: "average", position: "insideTopRight", fill: "#64748b", fontSize: 11 }} />
            <Bar dataKey="value" maxBarSize={48} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.name} fill={d.color} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
