import Link from "next/link";
import { enumLabel } from "@/lib/domain/enums";
import type { AccountRow } from "@/lib/data/accounts";
import { formatDate, formatMoney, formatNumber } from "@/lib/utils/format";
import {
  effectiveDirection,
  serializeAccountQuery,
  type AccountQuery,
  type AccountSort,
} from "@/lib/validation/account-query";
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
      cell: (r) => (
        <div className="min-w-44">
          <Link href={`/accounts/${r.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {r.name}
          </Link>
          <div className="text-xs text-slate-500">{r.domain}</div>
        </div>
      ),
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

function SortHeader({ column, query }: { column: Column; query: AccountQuery }) {
  const active = query.sort === column.sort || (column.sort === "tier" && query.sort === "priority" && !query.dir);
  const current = active ? effectiveDirection(query) : null;
  const next = active ? (current === "asc" ? "desc" : "asc") : null;
  const href = `/accounts${serializeAccountQuery({ ...query, sort: column.sort, dir: next, page: null })}`;
  return (
    <th
      scope="col"
      aria-sort={current === "asc" ? "ascending" : current === "desc" ? "descending" : "none"}
      className={`whitespace-nowrap px-3 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-600 ${column.numeric ? "text-right" : "text-left"}`}
    >
      <Link href={href} className="inline-flex items-center gap-1 hover:text-slate-900" scroll={false}>
        {column.label}
        <span aria-hidden="true" className={active ? "text-brand-600" : "text-slate-300"}>
          {current === "asc" ? "▲" : current === "desc" ? "▼" : "↕"}
        </span>
      </Link>
    </th>
  );
}

export function AccountsTable({ rows, query, showOwner }: { rows: AccountRow[]; query: AccountQuery; showOwner: boolean }) {
  const cols = columns(showOwner);
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="accounts-table">
        <thead className="bg-slate-50">
          <tr>
            {cols.map((c) => (
              <SortHeader key={c.sort} column={c} query={query} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              {cols.map((c) => (
                <td key={c.sort} className={`px-3 py-2.5 align-middle text-slate-700 ${c.numeric ? "tabular text-right" : ""}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
