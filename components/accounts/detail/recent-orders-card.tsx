import { ShoppingCart } from "lucide-react";
import { DataTable, type Column } from "@/components/ui/table";
import type { AccountOrder } from "@/lib/data/account-detail";
import { formatDate, formatMoney } from "@/lib/utils/format";
import { EmptyState, SectionCard } from "./section-card";

const COLUMNS: Column<AccountOrder>[] = [
  { key: "date", header: "Date", className: "whitespace-nowrap", cell: (o) => formatDate(o.orderedAt) },
  { key: "line", header: "Product line", cell: (o) => o.productLine },
  { key: "amount", header: "Amount", align: "right", className: "tabular whitespace-nowrap font-medium text-slate-900", cell: (o) => formatMoney(o.amount) },
];

export function RecentOrdersCard({ orders, orderCount }: { orders: AccountOrder[]; orderCount: number }) {
  return (
    <SectionCard
      title="Recent orders"
      description={orders.length > 0 ? `Latest ${orders.length} of ${orderCount.toLocaleString("en-US")}` : undefined}
      testId="recent-orders"
    >
      {orders.length === 0 ? (
        <EmptyState icon={ShoppingCart} title="No orders yet" />
      ) : (
        <DataTable
          columns={COLUMNS}
          rows={orders}
          rowKey={(o) => o.id}
          caption={`The ${orders.length} most recent orders, newest first`}
          frame="inset"
          density="compact"
          className="-mx-5 -my-4"
        />
      )}
    </SectionCard>
  );
}
