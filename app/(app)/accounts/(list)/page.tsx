import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { AccountFilters } from "@/components/accounts/account-filters";
import { AccountsTable } from "@/components/accounts/accounts-table";
import { AccountsPagination } from "@/components/accounts/pagination";
import { EmptyPanel } from "@/components/ui/empty-panel";
import { PageHeader } from "@/components/ui/page-header";
import { emptyStateFor } from "@/lib/accounts/empty-state";
import { canSeeAllAccounts } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/session";
import { listAccounts } from "@/lib/data/accounts";
import { sharedOwnerOptions, sharedSegmentOptions, sharedTechnologyOptions, sharedTierOptions } from "@/lib/data/shared-reads";
import { loadAccountQuery, serializeAccountQuery } from "@/lib/validation/account-query";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const query = await loadAccountQuery(searchParams);
  const [page, owner, tech, tier, segment] = await Promise.all([
    listAccounts(user, query, { shared: true }),
    sharedOwnerOptions(user),
    sharedTechnologyOptions(),
    sharedTierOptions(),
    sharedSegmentOptions(),
  ]);
  const seesAll = canSeeAllAccounts(user);
  const empty = emptyStateFor(query, page.total, seesAll);
  const exportHref = `/accounts/export${serializeAccountQuery({ ...query, page: null, size: null })}`;

  return (
    <div className="space-y-4">
      <PageHeader
        title={seesAll ? "All accounts" : "My accounts"}
        description={seesAll ? "Every account, in priority order: tier first, then score." : "Your accounts, in priority order: tier first, then score."}
        actions={
          <Link
            href={exportHref}
            prefetch={false}
            className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            Export CSV
          </Link>
        }
      />
      <AccountFilters choices={{ owner, tech, tier, segment }} />
      {empty ? (
        <EmptyPanel title={empty.title} link={empty.clearLink ? { href: "/accounts", label: "Clear search and filters" } : null}>
          {empty.message}
        </EmptyPanel>
      ) : (
        <>
          <AccountsTable rows={page.rows} query={query} showOwner={seesAll} />
          <AccountsPagination query={query} page={page.page} pageCount={page.pageCount} total={page.total} size={page.size} />
        </>
      )}
    </div>
  );
}
