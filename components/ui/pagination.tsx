import Link from "next/link";
import { cn } from "@/lib/utils/cn";
import { formatNumber } from "@/lib/utils/format";

/** The 1-based numbers of the first and last item on a page (0 and 0 when there are none). */
export function pageRange(page: number, size: number, total: number): { first: number; last: number } {
  return { first: total === 0 ? 0 : (page - 1) * size + 1, last: Math.min(total, page * size) };
}

/** Previous/next as links (a disabled one is neither clickable nor focusable). */
function PageLink({ href, disabled, rel, children }: { href: string; disabled: boolean; rel: "prev" | "next"; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      className={cn(
        "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300",
        disabled ? "pointer-events-none text-slate-300" : "bg-white text-slate-700 hover:bg-slate-50",
      )}
      aria-disabled={disabled}
      tabIndex={disabled ? -1 : undefined}
      rel={rel}
    >
      {children}
    </Link>
  );
}

/**
 * Server-rendered pagination: what the page shows, previous and next links built by `href`, and
 * the page number. `children` go before the links (e.g. a page-size choice).
 */
export function Pagination({
  page,
  pageCount,
  href,
  summary,
  previousLabel = "Previous",
  nextLabel = "Next",
  children,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  /** E.g. "Showing 1–50 of 1,234 accounts". */
  summary: string;
  previousLabel?: string;
  nextLabel?: string;
  children?: React.ReactNode;
}) {
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="result-range">{summary}</p>
      <div className="flex items-center gap-2">
        {children}
        <PageLink href={href(page - 1)} disabled={page <= 1} rel="prev">
          {previousLabel}
        </PageLink>
        <span aria-live="polite">
          Page {formatNumber(page)} of {formatNumber(pageCount)}
        </span>
        <PageLink href={href(page + 1)} disabled={page >= pageCount} rel="next">
          {nextLabel}
        </PageLink>
      </div>
    </nav>
  );
}
