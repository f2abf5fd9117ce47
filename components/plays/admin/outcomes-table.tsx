import { DataTable, type Column } from "@/components/ui/table";
import { OUTCOME_KIND_LABELS, OUTCOME_KINDS } from "@/lib/plays/kinds";
import { formatNumber } from "@/lib/utils/format";
import type { OutcomesChartRow } from "./outcomes-chart";

const COLUMNS: Column<OutcomesChartRow>[] = [
  { key: "play", header: "Play", rowHeader: true, className: "min-w-40 text-slate-800", cell: (r) => r.name },
  ...OUTCOME_KINDS.map(
    (kind): Column<OutcomesChartRow> => ({ key: kind, header: OUTCOME_KIND_LABELS[kind], align: "right", className: "tabular", cell: (r) => formatNumber(r.outcomes[kind]) }),
  ),
  { key: "total", header: "Total", align: "right", className: "tabular font-medium text-slate-900", cell: (r) => formatNumber(r.total) },
];

/** The outcomes chart's numbers: one row per play, one column per outcome kind. */
export function OutcomesTable({ rows }: { rows: OutcomesChartRow[] }) {
  return <DataTable columns={COLUMNS} rows={rows} rowKey={(r) => r.name} caption="Outcomes by play and kind in the period" testId="outcomes-table" frame="bare" density="tight" />;
}
