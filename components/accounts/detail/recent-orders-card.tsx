import { ShoppingCart } from "lucide-react";
import type { AccountOrder } from "@/lib/data/account-detail";
import { formatDate, formatMoney } from "@/lib/utils/format";
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
        <div className="-mx-5 -my-4 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">The {orders.length} most recent orders, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-2 text-left font-semibold">Date</th>
                <th scope="col" className="px-3 py-2 text-left font-semibold">Product line</th>
                <th scope="col" className="px-5 py-2 text-right font-semibold">Amount</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {orders.map((o) => (
                <tr key={o.id} className="hover:bg-slate-50">
                  <td className="whitespace-nowrap px-5 py-2 text-slate-700">{formatDate(o.orderedAt)}</td>
                  <td className="px-3 py-2 text-slate-700">{o.productLine}</td>
                  <td className="tabular whitespace-nowrap px-5 py-2 text-right font-medium text-slate-900">{formatMoney(o.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SectionCard>
  );
}
