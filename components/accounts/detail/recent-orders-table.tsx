"use client";

import { DataTable, type Column } from "@/components/ui/table";

/** One order as the table shows it: date and amount formatted by the server. */
export interface RecentOrderRow {
  id: number;
  date: string;
  productLine: string;
  amount: string;
}

const COLUMNS: Column<RecentOrderRow>[] = [
  { key: "date", header: "Date", className: "whitespace-nowrap", cell: (o) => o.date },
  { key: "line", header: "Product line", cell: (o) => o.productLine },
  { key: "amount", header: "Amount", align: "right", className: "tabular whitespace-nowrap font-medium text-slate-900", cell: (o) => o.amount },
];

/** The most recent orders, rendered in the browser from their data (as the other long lists of the account page). */
export function RecentOrdersTable({ rows }: { rows: RecentOrderRow[] }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={rows}
      rowKey={(o) => o.id}
      caption={`The ${rows.length} most recent orders, newest first`}
      frame="inset"
      density="compact"
      className="-mx-5 -my-4"
    />
  );
}
