import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { AccountFilters } from "@/components/accounts/account-filters";
import { AccountsTable } from "@/components/accounts/accounts-table";
import { Pagination } from "@/components/accounts/pagination";
import { canSeeAllAccounts } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/session";
import { listAccounts } from "@/lib/data/accounts";
import { ownerOptions, segmentOptions, technologyOptions, tierOptions } from "@/lib/data/lookups";
import { loadAccountQuery, serializeAccountQuery } from "@/lib/validation/account-query";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const query = await loadAccountQuery(searchParams);
  const [page, owners, technologies, tiers, segments] = await Promise.all([
    listAccounts(user, query),
    ownerOptions(user),
    technologyOptions(),
    tierOptions(),
    segmentOptions(),
  ]);
  const seesAll = canSeeAllAccounts(user);
  const exportHref = `/accounts/export${serializeAccountQuery({ ...query, page: null, size: null })}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{seesAll ? "All accounts" : "My accounts"}</h1>
          <p className="text-sm text-slate-600">
            {seesAll ? "Every account, in priority order: tier first, then score." : "Your accounts, in priority order: tier first, then score."}
          </p>
        </div>
        <Link
          href={exportHref}
          prefetch={false}
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Export CSV
        </Link>
      </div>
      <AccountFilters options={{ owners, technologies, tiers, segments }} />
      {page.total === 0 ? (
        <div className="rounded-lg bg-white px-6 py-16 text-center shadow-sm ring-1 ring-slate-200" data-testid="empty-state">
          <h2 className="text-base font-semibold text-slate-900">No accounts match</h2>
          <p className="mt-1 text-sm text-slate-600">
            {query.q || page.total === 0 ? "Try a different search or clear some filters." : "You have no accounts assigned yet."}
          </p>
          <Link href="/accounts" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
            Clear search and filters
          </Link>
        </div>
      ) : (
        <>
          <AccountsTable rows={page.rows} query={query} showOwner={seesAll} />
          <Pagination query={query} page={page.page} pageCount={page.pageCount} total={page.total} size={page.size} />
        </>
      )}
    </div>
  );
}
