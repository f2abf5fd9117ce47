import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { AuditFilters } from "@/components/admin/audit/audit-filters";
import { AuditPagination } from "@/components/admin/audit/audit-pagination";
import { AuditTable } from "@/components/admin/audit/audit-table";
import { EmptyPanel } from "@/components/ui/empty-panel";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin, restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { listAuditEntries } from "@/lib/data/audit-log";
import { hasAuditFilter, loadAuditQuery } from "@/lib/validation/audit-query";

export const generateMetadata = restrictedMetadata("Audit log", isAdmin);

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  if (user.role !== "ADMIN") notFound();
  const query = await loadAuditQuery(searchParams);
  const result = await listAuditEntries(user, { action: query.action, actorEmail: query.actor, from: query.from, to: query.to, page: query.page });
  const filtered = hasAuditFilter(query);

  return (
    <div className="space-y-4">
      <PageHeader
        title="Audit log"
        description="Sign-ins, changes to users, rules and ownership, imports and exports, newest first. Entries cannot be edited or deleted."
      />
      <AuditFilters />
      {result.total === 0 ? (
        <EmptyPanel title={filtered ? "No entries match" : "Nothing recorded yet"} link={filtered ? { href: "/admin/audit", label: "Clear filters" } : null}>
          {filtered ? "Try another action, e-mail or date range." : "Entries appear here as people sign in and make changes."}
        </EmptyPanel>
      ) : (
        <>
          <AuditTable rows={result.rows} />
          <AuditPagination query={{ ...query, page: result.page }} page={result.page} pageCount={result.pageCount} total={result.total} size={result.size} />
        </>
      )}
    </div>
  );
}
