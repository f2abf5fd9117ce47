import { ArrowRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AccountsTable } from "@/components/accounts/accounts-table";
import { SegmentHeader } from "@/components/segments/segment-header";
import { segmentMembersHref } from "@/components/segments/members-href";
import { SegmentTierBreakdown } from "@/components/segments/segment-tier-breakdown";
import { BackLink } from "@/components/ui/back-link";
import { EmptyPanel } from "@/components/ui/empty-panel";
import { canSeeAllAccounts } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/session";
import { TREND_DAYS } from "@/lib/data/segments";
import { sharedAccountPage, sharedMatrix, sharedSegment } from "@/lib/data/shared-reads";
import { formatNumber } from "@/lib/utils/format";
import { loadAccountQuery } from "@/lib/validation/account-query";
import { parseId } from "@/lib/validation/ids";

type Params = Promise<{ id: string }>;

/** Members shown here; the full, filterable list is the accounts page. */
const PREVIEW_SIZE = 25;

const loadSegment = cache(sharedSegment);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await requireUser();
  const id = parseId((await params).id);
  const segment = id === null ? null : await loadSegment(user, id);
  return { title: segment ? segment.name : "Segment not found" };
}

export default async function SegmentPage({ params }: { params: Params }) {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const segment = await loadSegment(user, id);
  if (!segment) notFound();

  const query = { ...loadAccountQuery({}), segment: [id], size: PREVIEW_SIZE };
  const [members, matrix] = await Promise.all([sharedAccountPage(user, query), sharedMatrix(user, "segment")]);

  return (
    <div className="space-y-6">
      <BackLink href="/segments">Segments</BackLink>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <SegmentHeader segment={segment} variant="page" trendDays={TREND_DAYS} />
        </div>
        <SegmentTierBreakdown matrix={matrix} segmentId={id} />
      </div>

      <section aria-labelledby="members" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="members" className="text-lg font-semibold text-slate-900">
            {canSeeAllAccounts(user) ? "Top members" : "Your top members"}
            <span className="ml-2 text-sm font-normal text-slate-600">in priority order</span>
          </h2>
          {members.total > 0 && (
            <Link href={segmentMembersHref(id)} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
              {members.total > members.rows.length ? `All ${formatNumber(members.total)} members, with filters and export` : "Open in the accounts list"}
              <ArrowRight className="h-4 w-4" aria-hidden />
            </Link>
          )}
        </div>
        {members.total === 0 ? (
          <EmptyPanel title="No members" headingLevel={3}>
            {canSeeAllAccounts(user) ? "No account matches this segment's rule." : "None of your accounts is in this segment."}
          </EmptyPanel>
        ) : (
          <>
            <AccountsTable rows={members.rows} query={query} showOwner={canSeeAllAccounts(user)} />
            {members.total > members.rows.length && (
              <p className="text-sm text-slate-600">
                Showing the top {formatNumber(members.rows.length)} of {formatNumber(members.total)} members.{" "}
                <Link href={segmentMembersHref(id)} className="font-medium text-brand-700 hover:underline">
                  See them all
                </Link>
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
