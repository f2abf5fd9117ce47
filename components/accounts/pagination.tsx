import Link from "next/link";
import { Pagination, pageRange } from "@/components/ui/pagination";
import { cn } from "@/lib/utils/cn";
import { formatNumber } from "@/lib/utils/format";
import { PAGE_SIZES, serializeAccountQuery, type AccountQuery } from "@/lib/validation/account-query";

/** The accounts list's pagination, with a rows-per-page choice; links keep the rest of the URL. */
export function AccountsPagination({ query, page, pageCount, total, size }: { query: AccountQuery; page: number; pageCount: number; total: number; size: number }) {
  const { first, last } = pageRange(page, size, total);
  return (
    <Pagination
      page={page}
      pageCount={pageCount}
      href={(p) => `/accounts${serializeAccountQuery({ ...query, page: p === 1 ? null : p })}`}
      summary={total === 0 ? "No accounts" : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)} accounts`}
    >
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
    </Pagination>
  );
}
