"use client";

import Link from "next/link";
import { DataTable, type Column as TableColumn } from "@/components/ui/table";
import { isRowField, type ListColumn, type TableKey } from "@/lib/accounts/list-columns";
import { tableColumns, type AccountTableRow } from "@/lib/accounts/table-row";
import { formatDate, formatMoney, formatNumber } from "@/lib/utils/format";
import { effectiveDirection, serializeAccountQuery, type AccountQuery } from "@/lib/validation/account-query";
import { AccountName } from "./account-name";
import { TierBadge } from "./tier-badge";

type Cell = (row: AccountTableRow) => React.ReactNode;

/** Cells that are more than the row's field, formatted. */
const CELLS: Partial<Record<TableKey, Cell>> = {
  name: (r) => <AccountName account={r} />,
  tier: (r) => <TierBadge tier={r.tier} />,
  score: (r) => <span className="font-medium">{Math.round(r.priorityScore)}</span>,
  owner: (r) => r.owner ?? <span className="text-slate-500">Unassigned</span>,
};

/** A field's cell: money, counts and dates formatted, enum values by their label. */
function fieldCell(column: ListColumn): Cell {
  const field = column.field;
  if (!isRowField(field)) throw new Error(`the accounts table has no cell for column ${column.key}`);
  const labels = new Map(column.options.map((o) => [o.value, o.label]));
  return (row) => {
    const value = row[field];
    if (value == null || value instanceof Date) return formatDate(value);
    if (typeof value === "number") return column.type === "money" ? formatMoney(value) : formatNumber(value);
    return labels.get(value) ?? value;
  };
}

/** A column whose header links to the list sorted by it (again: the other way round). */
function sortable(column: ListColumn<TableKey>, query: AccountQuery): TableColumn<AccountTableRow> {
  const active = query.sort === column.key || (column.key === "tier" && query.sort === "priority" && !query.dir);
  const current = active ? effectiveDirection(query) : null;
  const next = active ? (current === "asc" ? "desc" : "asc") : null;
  const href = `/accounts${serializeAccountQuery({ ...query, sort: column.key, dir: next, page: null })}`;
  const numeric = column.type === "number" || column.type === "money";
  return {
    key: column.key,
    header: (
      <Link href={href} className="inline-flex items-center gap-1 hover:text-slate-900" scroll={false}>
        {column.heading}
        <span aria-hidden="true" className={active ? "text-brand-600" : "text-slate-300"}>
          {current === "asc" ? "▲" : current === "desc" ? "▼" : "↕"}
        </span>
      </Link>
    ),
    headerProps: { "aria-sort": current === "asc" ? "ascending" : current === "desc" ? "descending" : "none" },
    headerClassName: "whitespace-nowrap",
    align: numeric ? "right" : "left",
    className: numeric ? "tabular" : undefined,
    cell: CELLS[column.key] ?? fieldCell(column),
  };
}

/** The accounts table, rendered from the rows' data (see lib/accounts/table-row.ts for why in the browser). */
export function AccountsTableView({ rows, query, showOwner }: { rows: AccountTableRow[]; query: AccountQuery; showOwner: boolean }) {
  return <DataTable columns={tableColumns(showOwner).map((c) => sortable(c, query))} rows={rows} rowKey={(row) => row.id} testId="accounts-table" region="Accounts table" />;
}
