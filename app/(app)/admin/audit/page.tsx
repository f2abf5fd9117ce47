import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { AuditFilters } from "@/components/admin/audit/audit-filters";
import { AuditPagination } from "@/components/admin/audit/audit-pagination";
import { loadAuditQuery } from "@/lib/validation/audit-query";
import { AuditTable } from "@/components/admin/audit/audit-table";
import { requireUser } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/data/audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const query = await loadAuditQuery(searchParams);
  const result = await listAuditEntries(user, { action: query.action, actorEmail: query.actor, from: query.from, to: query.to, page: query.page });
  const filtered = Boolean(query.action || query.actor || query.from || query.to);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Audit log</h1>
        <p className="text-sm text-slate-600">Sign-ins, changes to users, rules and ownership, imports and exports, newest first. Entries cannot be edited or deleted.</p>
      </div>
      <AuditFilters />
      {result.total === 0 ? (
        <div className="rounded-lg bg-white px-6 py-16 text-center shadow-sm ring-1 ring-slate-200" data-testid="empty-state">
          <h2 className="text-base font-semibold text-slate-900">{filtered ? "No entries match" : "Nothing recorded yet"}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {filtered ? "Try another action, e-mail or date range." : "Entries appear here as people sign in and make changes."}
          </p>
          {filtered && (
            <Link href="/admin/audit" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
              Clear filters
            </Link>
          )}
        </div>
      ) : (
        <>
          <AuditTable rows={result.rows} />
          <AuditPagination query={{ ...query, page: result.page }} page={result.page} pageCount={result.pageCount} total={result.total} size={result.size} />
        </>
      )}
    </div>
  );
}
