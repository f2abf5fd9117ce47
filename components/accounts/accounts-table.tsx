import Link from "next/link";
import { DataTable, type Column as TableColumn } from "@/components/ui/table";
import { enumLabel } from "@/lib/domain/enums";
import type { AccountRow } from "@/lib/data/accounts";
import { formatDate, formatMoney, formatNumber } from "@/lib/utils/format";
import {
  effectiveDirection,
  serializeAccountQuery,
  type AccountQuery,
  type AccountSort,
} from "@/lib/validation/account-query";
import { AccountName } from "./account-name";
import { TierBadge } from "./tier-badge";

interface Column {
  sort: AccountSort;
  label: string;
  numeric?: boolean;
  cell: (row: AccountRow) => React.ReactNode;
  className?: string;
}

function columns(showOwner: boolean): Column[] {
  const cols: Column[] = [
    {
      sort: "name",
      label: "Account",
      cell: (r) => <AccountName account={r} />,
    },
    { sort: "tier", label: "Tier", cell: (r) => <TierBadge tier={r.tier} /> },
    {
      sort: "score",
      label: "Score",
      numeric: true,
      cell: (r) => <span className="font-medium">{Math.round(r.priorityScore)}</span>,
    },
  ];
  if (showOwner) cols.push({ sort: "owner", label: "Owner", cell: (r) => r.owner?.name ?? <span className="text-slate-400">Unassigned</span> });
  cols.push(
    { sort: "industry", label: "Industry", cell: (r) => r.industry },
    { sort: "region", label: "Region", cell: (r) => enumLabel("region", r.region) },
    { sort: "ltv", label: "Lifetime value", numeric: true, cell: (r) => formatMoney(r.lifetimeValue) },
    { sort: "orders12m", label: "Orders 12m", numeric: true, cell: (r) => formatNumber(r.orders12m) },
    { sort: "aov", label: "Avg order", numeric: true, cell: (r) => formatMoney(r.avgOrderValue) },
    { sort: "lastOrder", label: "Last order", cell: (r) => formatDate(r.lastOrderAt) },
    { sort: "engagement", label: "Engagement", numeric: true, cell: (r) => formatNumber(r.engagementScore) },
    { sort: "stage", label: "Stage", cell: (r) => enumLabel("journeyStage", r.journeyStage) },
    { sort: "loyalty", label: "Loyalty", cell: (r) => enumLabel("loyaltyStatus", r.loyaltyStatus) },
  );
  return cols;
}

/** A column whose header links to the list sorted by it (again: the other way round). */
function sortable(column: Column, query: AccountQuery): TableColumn<AccountRow> {
  const active = query.sort === column.sort || (column.sort === "tier" && query.sort === "priority" && !query.dir);
  const current = active ? effectiveDirection(query) : null;
  const next = active ? (current === "asc" ? "desc" : "asc") : null;
  const href = `/accounts${serializeAccountQuery({ ...query, sort: column.sort, dir: next, page: null })}`;
  return {
    key: column.sort,
    header: (
      <Link href={href} className="inline-flex items-center gap-1 hover:text-slate-900" scroll={false}>
        {column.label}
        <span aria-hidden="true" className={active ? "text-brand-600" : "text-slate-300"}>
          {current === "asc" ? "▲" : current === "desc" ? "▼" : "↕"}
        </span>
      </Link>
    ),
    headerProps: { "aria-sort": current === "asc" ? "ascending" : current === "desc" ? "descending" : "none" },
    headerClassName: "whitespace-nowrap",
    align: column.numeric ? "right" : "left",
    className: column.numeric ? "tabular" : undefined,
    cell: column.cell,
  };
}

export function AccountsTable({ rows, query, showOwner }: { rows: AccountRow[]; query: AccountQuery; showOwner: boolean }) {
  return <DataTable columns={columns(showOwner).map((c) => sortable(c, query))} rows={rows} rowKey={(row) => row.id} testId="accounts-table" />;
}
