import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { CapacityForm } from "@/components/today/capacity-form";
import { RepPicker } from "@/components/today/rep-picker";
import { SinceLastVisitCard } from "@/components/today/since-last-visit";
import { WorklistSection } from "@/components/today/worklist-section";
import { EmptyPanel } from "@/components/ui/empty-panel";
import { PageHeader } from "@/components/ui/page-header";
import { setDailyCapacityAction } from "@/lib/actions/today";
import { canSeeAllAccounts } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/session";
import { sharedSegmentOptions, sharedTierOptions } from "@/lib/data/shared-reads";
import { getSinceLastVisit } from "@/lib/data/plays/changes";
import { todayRepOptions } from "@/lib/data/plays/today-rep";
import { getWorklist } from "@/lib/data/plays/worklist";
import { formatDate, formatNumber } from "@/lib/utils/format";
import { hasTodayFilter, loadTodayQuery, serializeTodayQuery } from "@/lib/validation/today-query";

export const metadata: Metadata = { title: "Today" };

export default async function TodayPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const query = await loadTodayQuery(searchParams);
  const picksRep = canSeeAllAccounts(user);
  const [worklist, changes, tier, segment, reps] = await Promise.all([
    getWorklist(user, query, new Date(), { shared: true }),
    getSinceLastVisit(user, query.rep, new Date(), { shared: true }),
    sharedTierOptions(),
    sharedSegmentOptions(),
    picksRep ? todayRepOptions(user) : Promise.resolve([]),
  ]);
  const { viewer } = worklist;
  const rep = viewer.rep;
  const otherRep = rep && !viewer.own ? rep.name : null;
  const today = formatDate(new Date());
  const repParam = viewer.own ? null : (rep?.id ?? null);
  const exportHref = `/today/export${serializeTodayQuery({ ...query, rep: repParam })}`;
  const clearHref = `/today${serializeTodayQuery({ rep: repParam })}`;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Today"
        description={rep ? `${rep.name} · ${today}: the accounts to work, the offer for each and the channel to use.` : `Pick a rep to see their plan for ${today}.`}
        actions={
          rep && worklist.items.length > 0 ? (
            <Link
              href={exportHref}
              prefetch={false}
              className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Export CSV
            </Link>
          ) : undefined
        }
      />
      {picksRep && <RepPicker reps={reps} />}
      {!rep ? (
        <EmptyPanel title={viewer.repNotFound ? "That rep was not found" : "Choose a rep"}>
          {viewer.repNotFound
            ? "The link names someone who is not an active sales rep. Pick a rep from the list."
            : "Managers and admins can open the day plan of any active sales rep: pick one above."}
        </EmptyPanel>
      ) : (
        <>
          {changes && <SinceLastVisitCard changes={changes} repName={otherRep} />}
          <WorklistSection
            worklist={worklist}
            choices={{ play: worklist.plays.map((p) => ({ value: String(p.id), label: p.name })), tier, segment }}
            filtered={hasTodayFilter(query)}
            clearHref={clearHref}
            repName={otherRep}
            isAdmin={user.role === "ADMIN"}
            capacity={
              viewer.canEditCapacity ? (
                <CapacityForm key={rep.id} capacity={rep.dailyCapacity} own={viewer.own} save={setDailyCapacityAction.bind(null, rep.id)} />
              ) : (
                <p className="text-sm text-slate-600">
                  Daily capacity <span className="font-medium text-slate-900">{formatNumber(rep.dailyCapacity)}</span>
                </p>
              )
            }
          />
        </>
      )}
    </div>
  );
}
