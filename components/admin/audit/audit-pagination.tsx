import { Pagination, pageRange } from "@/components/ui/pagination";
import { formatNumber } from "@/lib/utils/format";
import { serializeAuditQuery, type AuditQuery } from "@/lib/validation/audit-query";

/** The audit log's pagination: newest first, so "Newer" goes back a page. */
export function AuditPagination({ query, page, pageCount, total, size }: { query: AuditQuery; page: number; pageCount: number; total: number; size: number }) {
  const { first, last } = pageRange(page, size, total);
  return (
    <Pagination
      page={page}
      pageCount={pageCount}
      href={(p) => `/admin/audit${serializeAuditQuery({ ...query, page: p === 1 ? null : p })}`}
      summary={total === 1 ? "Showing 1 entry" : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)} entries`}
      previousLabel="Newer"
      nextLabel="Older"
    />
  );
}
