import Link from "next/link";
import { cn } from "@/lib/utils/cn";
import { formatNumber } from "@/lib/utils/format";
import { serializeAuditQuery, type AuditQuery } from "@/lib/validation/audit-query";

export function AuditPagination({ query, page, pageCount, total, size }: { query: AuditQuery; page: number; pageCount: number; total: number; size: number }) {
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  const link = (p: number) => `/admin/audit${serializeAuditQuery({ ...query, page: p === 1 ? null : p })}`;
  const linkClass = (disabled: boolean) =>
    cn(
      "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300",
      disabled ? "pointer-events-none text-slate-300" : "bg-white text-slate-700 hover:bg-slate-50",
    );
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>{total === 1 ? "Showing 1 entry" : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)} entries`}</p>
      <div className="flex items-center gap-2">
        <Link href={link(page - 1)} className={linkClass(page <= 1)} aria-disabled={page <= 1} tabIndex={page <= 1 ? -1 : undefined} rel="prev">
          Newer
        </Link>
        <span aria-live="polite">
          Page {formatNumber(page)} of {formatNumber(pageCount)}
        </span>
        <Link href={link(page + 1)} className={linkClass(page >= pageCount)} aria-disabled={page >= pageCount} tabIndex={page >= pageCount ? -1 : undefined} rel="next">
          Older
        </Link>
      </div>
    </nav>
  );
}
