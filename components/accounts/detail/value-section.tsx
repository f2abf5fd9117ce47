import { ShoppingCart } from "lucide-react";
import { DataTable, type Column } from "@/components/ui/table";
import type { AccountDetail, MonthlyOrders } from "@/lib/data/account-detail";
import { enumLabel } from "@/lib/domain/enums";
import { formatDate, formatDays, formatMoney, formatNumber, plural } from "@/lib/utils/format";
import { cn } from "@/lib/utils/cn";
import { KpiTile } from "./kpi-tile";
import { OrderHistoryChart, type OrderHistoryPoint } from "./order-history-chart";
import { EmptyState, SectionCard } from "./section-card";

/** Recency past which a customer is worth a call, for the amber hint on the tile. */
const STALE_AFTER_DAYS = 180;

const LOYALTY_TONE: Record<string, string> = {
  NEW: "bg-sky-50 text-sky-800 ring-sky-200",
  REPEAT: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  ADVOCATE: "bg-violet-50 text-violet-800 ring-violet-200",
  AT_RISK: "bg-amber-50 text-amber-800 ring-amber-200",
  CHURNED: "bg-red-50 text-red-800 ring-red-200",
};

// en-US month names: en-GB abbreviates September to "Sept", which breaks the three-letter rhythm.
const monthLabel = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

function chartPoints(months: MonthlyOrders[]): OrderHistoryPoint[] {
  return months.map((m) => ({ key: m.month.toISOString().slice(0, 7), label: monthLabel.format(m.month), total: m.total, count: m.count }));
}

/** One sentence a screen reader announces for the chart. */
function chartSummary(points: OrderHistoryPoint[]): string {
  const total = points.reduce((sum, p) => sum + p.total, 0);
  const count = points.reduce((sum, p) => sum + p.count, 0);
  const best = points.reduce<OrderHistoryPoint | undefined>((top, p) => (p.total > (top?.total ?? 0) ? p : top), undefined);
  const first = points[0]?.label ?? "";
  const last = points.at(-1)?.label ?? "";
  return (
    `Monthly order value from ${first} to ${last}: ${formatMoney(total)} across ${formatNumber(count)} orders` +
    (best ? `; highest month ${best.label} with ${formatMoney(best.total)}.` : ".")
  );
}

export function ValueSection({ account }: { account: AccountDetail }) {
  const { value: v, orders } = account;
  const points = chartPoints(orders.byMonth);
  const hasHistory = points.some((p) => p.count > 0);
  const stale = v.daysSinceLastOrder != null && v.daysSinceLastOrder > STALE_AFTER_DAYS;

  return (
    <SectionCard
      title="Value"
      description="Purchasing history and headroom"
      testId="value"
      action={
        <span className={cn("rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset", LOYALTY_TONE[v.loyaltyStatus])}>
          <span className="sr-only">Loyalty: </span>
          {enumLabel("loyaltyStatus", v.loyaltyStatus)}
        </span>
      }
    >
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <KpiTile label="Lifetime value" value={formatMoney(v.lifetimeValue)} hint={`${plural(v.orderCount, "order")} in total`} />
        <KpiTile label="Avg order value" value={formatMoney(v.avgOrderValue)} />
        <KpiTile label="Orders, last 12 months" value={formatNumber(v.orders12m)} />
        <KpiTile
          label="Days since last order"
          value={v.daysSinceLastOrder == null ? "—" : formatNumber(v.daysSinceLastOrder)}
          hint={v.lastOrderAt ? `Last order ${formatDate(v.lastOrderAt)}` : "No orders yet"}
          tone={stale ? "warning" : "default"}
        />
        <KpiTile label="Potential" value={formatMoney(v.potential)} hint="Estimated whitespace" />
        <KpiTile
          label="First order"
          value={formatDate(v.firstOrderAt)}
          hint={v.firstOrderAt ? `Customer for ${tenure(v.firstOrderAt, new Date())}` : "Not a customer yet"}
        />
      </dl>

      <div className="mt-6">
        <h3 className="text-sm font-semibold text-slate-900">Order history</h3>
        <p className="text-xs text-slate-600">Order value by month, last {points.length} months</p>
        {hasHistory ? (
          <>
            <OrderHistoryChart data={points} summary={chartSummary(points)} />
            <details className="group mt-2 text-sm">
              <summary className="cursor-pointer rounded text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                Show monthly totals as a table
              </summary>
              <MonthlyTable points={points.filter((p) => p.count > 0).reverse()} />
            </details>
          </>
        ) : (
          <EmptyState icon={ShoppingCart} title="No orders yet">
            {v.orderCount > 0 ? "No orders in the last three years." : "Orders will appear here once the account buys."}
          </EmptyState>
        )}
      </div>
    </SectionCard>
  );
}

/** "12 days", "7 months", "3 years": how long ago the first order was, roughly. */
function tenure(from: Date, to: Date): string {
  const days = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
  if (days < 60) return formatDays(days);
  const months = Math.floor(days / 30.44);
  if (months < 24) return `${months} months`;
  return `${Math.floor(months / 12)} years`;
}

const MONTH_COLUMNS: Column<OrderHistoryPoint>[] = [
  { key: "month", header: "Month", rowHeader: true, cell: (p) => p.label },
  { key: "orders", header: "Orders", align: "right", className: "tabular", cell: (p) => formatNumber(p.count) },
  { key: "value", header: "Value", align: "right", className: "tabular font-medium text-slate-900", cell: (p) => formatMoney(p.total) },
];

function MonthlyTable({ points }: { points: OrderHistoryPoint[] }) {
  return (
    <DataTable
      columns={MONTH_COLUMNS}
      rows={points}
      rowKey={(p) => p.key}
      caption="Order value by month, newest first (months without orders left out)"
      density="tight"
      region="Monthly order totals"
      className="mt-2 max-h-72 overflow-y-auto shadow-none"
    />
  );
}
