"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import type { OutcomeCounts } from "@/lib/plays/effectiveness";
import { OUTCOME_KIND_LABELS, OUTCOME_KINDS } from "@/lib/plays/kinds";
import { plural } from "@/lib/utils/format";
import { OUTCOME_COLORS } from "./outcome-colors";

export interface OutcomesChartRow {
  name: string;
  outcomes: OutcomeCounts;
  total: number;
}

type Point = { name: string; total: number } & OutcomeCounts;

/**
 * Room for a play's name beside its bar, by chart width (a phone keeps most of it for the bars);
 * longer names are cut with an ellipsis (the tooltip and the table have them whole).
 */
const LABELS = { wide: { width: 216, chars: 32 }, narrow: { width: 118, chars: 14 } } as const;

function nameTick(chars: number) {
  return function NameTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: string } }) {
    const name = payload?.value ?? "";
    const shown = name.length > chars ? `${name.slice(0, chars - 1).trimEnd()}…` : name;
    return (
      <text x={Number(x) - 6} y={Number(y)} dy={4} textAnchor="end" fill="#334155" fontSize={12}>
        <title>{name}</title>
        {shown}
      </text>
    );
  };
}

function ChartTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const point = active ? (payload?.[0]?.payload as Point | undefined) : undefined;
  if (!point) return null;
  return (
    <div className="rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg">
      <div className="font-medium">{point.name}</div>
      <ul className="mt-1 space-y-0.5">
        {OUTCOME_KINDS.filter((k) => point[k] > 0).map((k) => (
          <li key={k} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="h-2 w-2 rounded-sm" style={{ backgroundColor: OUTCOME_COLORS[k] }} />
            {OUTCOME_KIND_LABELS[k]}: <span className="tabular">{point[k]}</span>
          </li>
        ))}
      </ul>
      <div className="mt-1 text-slate-300">{plural(point.total, "outcome")}</div>
    </div>
  );
}

/**
 * One horizontal bar per play, its outcomes stacked by kind. The picture is one image to
 * assistive technology (role="img" with a summary); the numbers are in the table beside it.
 */
export function OutcomesChart({ rows, summary }: { rows: OutcomesChartRow[]; summary: string }) {
  const data: Point[] = rows.map((r) => ({ name: r.name, total: r.total, ...r.outcomes }));
  const [narrow, setNarrow] = useState(false);
  const labels = narrow ? LABELS.narrow : LABELS.wide;
  return (
    <div role="img" aria-label={summary} className="w-full" style={{ height: rows.length * 40 + 40 }} data-testid="outcomes-chart">
      <ResponsiveContainer width="100%" height="100%" onResize={(width) => setNarrow(width < 480)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 0 }} barCategoryGap={8} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} tick={{ fill: "#475569", fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={labels.width} interval={0} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={nameTick(labels.chars)} />
          <Tooltip content={ChartTooltip} cursor={{ fill: "#eef2ff" }} isAnimationActive={false} />
          {OUTCOME_KINDS.map((kind) => (
            <Bar key={kind} dataKey={kind} name={OUTCOME_KIND_LABELS[kind]} stackId="outcomes" fill={OUTCOME_COLORS[kind]} maxBarSize={24} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The colours of the chart, named (the same order as the stack). */
export function OutcomeLegend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Outcome colours">
      {OUTCOME_KINDS.map((kind) => (
        <li key={kind} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: OUTCOME_COLORS[kind] }} />
          {OUTCOME_KIND_LABELS[kind]}
        </li>
      ))}
    </ul>
  );
}
