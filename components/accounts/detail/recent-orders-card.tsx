import { ShoppingCart } from "lucide-react";
import type { AccountOrder } from "@/lib/data/account-detail";
import { formatDate, formatMoney } from "@/lib/utils/format";
import { RecentOrdersTable } from "./recent-orders-table";
import { EmptyState, SectionCard } from "./section-card";

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
        <RecentOrdersTable
          rows={orders.map((o) => ({ id: o.id, date: formatDate(o.orderedAt), productLine: o.productLine, amount: formatMoney(o.amount) }))}
        />
      )}
    </SectionCard>
  );
}
