"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { GroupOutcome } from "@/lib/backtest/summary";
import { formatLift } from "@/lib/backtest/summary";

const ACCOUNTS_COLOR = "#94a3b8";
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A group's name cut to fit beside its bars (the table has it whole). */
function short(name: string, chars = 16): string {
  return name.length > chars ? `${name.slice(0, chars - 1).trimEnd()}…` : name;
}

/**
 * Per group, its share of the accounts (grey) against its share of the horizon's revenue (its
 * colour): a tier that separates buyers holds far more revenue than accounts. Both axes run 0 to
 * 100%, so charts side by side compare at a glance. One image to assistive technology; the table
 * has the numbers.
 */
export function OutcomeChart({ title, groups }: { title: string; groups: readonly GroupOutcome[] }) {
  const revenue = groups.reduce((sum, g) => sum + g.revenue, 0);
  const data = groups.map((g) => ({ name: short(g.name), accounts: g.share, revenue: revenue > 0 ? g.revenue / revenue : 0, color: g.color, lift: g.lift }));
  const summary = `${title}: ${data.map((d) => `${d.name} ${percent(d.accounts)} of accounts, ${percent(d.revenue)} of revenue (lift ${formatLift(d.lift)})`).join("; ")}.`;
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</figcaption>
      <div role="img" aria-label={summary} className="w-full" style={{ height: groups.length * 44 + 56 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }} barGap={1} barCategoryGap={8} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={percent} tickLine={false} axisLine={false} tick={{ fill: "#475569", fontSize: 11 }} />
            <YAxis type="category" dataKey="name" width={112} interval={0} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={{ fill: "#334155", fontSize: 11 }} />
            <Tooltip isAnimationActive={false} cursor={{ fill: "#eef2ff" }} formatter={(value, name) => [percent(Number(value)), name]} />
            <Legend verticalAlign="bottom" height={22} iconSize={9} wrapperStyle={{ fontSize: 11 }} formatter={(value) => <span className="text-slate-600">{value}</span>} />
            <Bar dataKey="accounts" name="Share of accounts" fill={ACCOUNTS_COLOR} maxBarSize={14} isAnimationActive={false} />
            <Bar dataKey="revenue" name="Share of revenue in the horizon" fill="#6366f1" maxBarSize={14} isAnimationActive={false}>
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
