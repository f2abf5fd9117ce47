import Link from "next/link";
import { formatNumber } from "@/lib/utils/format";
import { PAGE_SIZES, serializeAccountQuery, type AccountQuery } from "@/lib/validation/account-query";
import { cn } from "@/lib/utils/cn";

export function Pagination({ query, page, pageCount, total, size }: { query: AccountQuery; page: number; pageCount: number; total: number; size: number }) {
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  const link = (p: number) => `/accounts${serializeAccountQuery({ ...query, page: p === 1 ? null : p })}`;
  const linkClass = (disabled: boolean) =>
    cn(
      "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300",
      disabled ? "pointer-events-none text-slate-300" : "bg-white text-slate-700 hover:bg-slate-50",
    );
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="result-range">
        {total === 0 ? "No accounts" : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)} accounts`}
      </p>
      <div className="flex items-center gap-2">
        <span className="hidden sm:inline">Rows per page:</span>
        {PAGE_SIZES.map((s) => (
          <Link
            key={s}
            href={`/accounts${serializeAccountQuery({ ...query, size: s === 50 ? null : s, page: null })}`}
            aria-current={s === size ? "true" : undefined}
            className={cn("rounded px-2 py-1", s === size ? "bg-slate-200 font-semibold text-slate-900" : "hover:bg-slate-100")}
          >
            {s}
          </Link>
        ))}
        <span className="mx-2 h-5 w-px bg-slate-200" aria-hidden="true" />
        <Link href={link(page - 1)} className={linkClass(page <= 1)} aria-disabled={page <= 1} rel="prev">
          Previous
        </Link>
        <span aria-live="polite">
          Page {formatNumber(page)} of {formatNumber(pageCount)}
        </span>
        <Link href={link(page + 1)} className={linkClass(page >= pageCount)} aria-disabled={page >= pageCount} rel="next">
          Next
        </Link>
      </div>
    </nav>
  );
}
