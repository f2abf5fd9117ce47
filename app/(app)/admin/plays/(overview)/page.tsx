import { Plus, Target } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { SearchParams } from "nuqs/server";
import { EffectivenessSummary } from "@/components/plays/admin/effectiveness-summary";
import { OutcomeLegend, OutcomesChart, type OutcomesChartRow } from "@/components/plays/admin/outcomes-chart";
import { OutcomesTable } from "@/components/plays/admin/outcomes-table";
import { PeriodPicker } from "@/components/plays/admin/period-picker";
import { PlayBreakdown } from "@/components/plays/admin/play-breakdown";
import { PlaysTable, type PlayWithFigures } from "@/components/plays/admin/plays-table";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyPanel } from "@/components/ui/empty-panel";
import { PageHeader } from "@/components/ui/page-header";
import { restrictedMetadata } from "@/lib/auth/restricted-metadata";
import { requireUser } from "@/lib/auth/session";
import { listPlays } from "@/lib/data/plays/editor";
import { getPlayEffectiveness } from "@/lib/data/plays/effectiveness";
import { EMPTY_FIGURES } from "@/lib/plays/effectiveness";
import { OUTCOME_KIND_LABELS, OUTCOME_KINDS } from "@/lib/plays/kinds";
import { toIsoDate } from "@/lib/segmentation/dates";
import { formatDate, plural } from "@/lib/utils/format";
import { loadPlaysPeriodQuery, resolvePlaysPeriod } from "@/lib/validation/plays-period";

export const generateMetadata = restrictedMetadata("Plays", (user) => user.role === "ADMIN" || user.role === "MANAGER");

/** "Cloud ERP migration: 42 outcomes (8 won, 5 lost, …)" for each play: what the chart shows, in words. */
function chartSummary(rows: OutcomesChartRow[], period: string): string {
  const plays = rows.map((r) => {
    const kinds = OUTCOME_KINDS.filter((k) => r.outcomes[k] > 0).map((k) => `${r.outcomes[k]} ${OUTCOME_KIND_LABELS[k].toLowerCase()}`);
    return `${r.name}: ${plural(r.total, "outcome")} (${kinds.join(", ")})`;
  });
  return `Outcomes by play, ${period}. ${plays.join("; ")}.`;
}

/**
 * Which plays work: every live play with its audience and, over the chosen period, accounts
 * worked, outcomes, win rate and won amount, by tier and segment. Admins edit plays from here;
 * managers (who see every account) read the same page without the editing links.
 */
export default async function PlaysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  if (user.role !== "ADMIN" && user.role !== "MANAGER") notFound();
  const canEdit = user.role === "ADMIN";
  const today = toIsoDate(new Date());
  const resolved = resolvePlaysPeriod(await loadPlaysPeriodQuery(searchParams), today);
  const { period } = resolved;
  const [plays, report] = await Promise.all([listPlays(user), getPlayEffectiveness(user, period)]);

  const rows: PlayWithFigures[] = plays.map((p) => ({ ...p, figures: report.plays.get(p.id)?.figures ?? EMPTY_FIGURES }));
  const worked = rows.filter((p) => p.figures.totalOutcomes > 0).sort((a, b) => b.figures.totalOutcomes - a.figures.totalOutcomes);
  const chartRows: OutcomesChartRow[] = worked.map((p) => ({ name: p.name, outcomes: p.figures.outcomes, total: p.figures.totalOutcomes }));
  const periodText = period.from === period.to ? formatDate(period.from) : `${formatDate(period.from)} – ${formatDate(period.to)}`;

  return (
    <div className="space-y-5">
      <PageHeader
        title="Plays"
        description={
          canEdit
            ? "Which plays work: who each play reaches, and what reps recorded when they worked it. Open a play to edit its audience, pitch and dates."
            : "Which plays work: who each play reaches, and what reps recorded when they worked it. Admins edit plays."
        }
        actions={
          canEdit && (
            <Link href="/admin/plays/new" className={buttonClass("primary")}>
              <Plus className="h-4 w-4" aria-hidden />
              New play
            </Link>
          )
        }
      />

      {plays.length === 0 ? (
        <EmptyPanel title="No plays yet" icon={Target} link={canEdit ? { href: "/admin/plays/new", label: "Create the first play" } : null}>
          {canEdit
            ? "A play is an offer for an audience (tiers, segments, technologies) with a pitch for reps. Its results appear here once reps record outcomes."
            : "An admin has not created any plays yet. Their results appear here once reps record outcomes."}
        </EmptyPanel>
      ) : (
        <>
          <div className="space-y-2">
            <PeriodPicker resolved={resolved} />
            <p className="text-sm text-slate-600" data-testid="plays-period">
              {resolved.errors.from || resolved.errors.to ? "Those dates were not used. Showing outcomes recorded " : "Outcomes recorded "}
              {periodText} ({plural(period.days, "day")}).
            </p>
          </div>

          <EffectivenessSummary totals={report.totals} />

          <Card id="outcomes-chart-heading" title="Outcomes by play" description="What reps recorded for each play in the period, by kind." testId="outcomes-card">
            {chartRows.length === 0 ? (
              <div className="py-8 text-center" data-testid="no-outcomes">
                <p className="text-sm font-medium text-slate-900">No outcomes recorded {periodText}</p>
                <p className="mt-1 text-sm text-slate-600">
                  Outcomes appear as reps work their plays from their worklist.{" "}
                  {period.preset !== 90 && (
                    <Link href="/admin/plays?days=90" className="font-medium text-brand-700 hover:underline">
                      Try the last 90 days
                    </Link>
                  )}
                </p>
              </div>
            ) : (
              <div className="space-y-3">
                <OutcomeLegend />
                <OutcomesChart rows={chartRows} summary={chartSummary(chartRows, periodText)} />
                <details className="group text-sm">
                  <summary className="cursor-pointer rounded font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                    Show the numbers
                  </summary>
                  <div className="mt-2 overflow-x-auto">
                    <OutcomesTable rows={chartRows} />
                  </div>
                </details>
              </div>
            )}
          </Card>

          <Card id="plays-table-heading" title={plural(plays.length, "play")} bodyClassName="p-0" testId="plays-card">
            <PlaysTable plays={rows} canEdit={canEdit} today={today} />
          </Card>

          {worked.length > 0 && (
            <section aria-labelledby="breakdown-heading" className="space-y-3">
              <div>
                <h2 id="breakdown-heading" className="text-base font-semibold text-slate-900">
                  By tier and segment
                </h2>
                <p className="text-sm text-slate-600">
                  Each outcome counts under the tier and segments the account had when it was recorded. Win rate: won of won, lost and not a fit.
                </p>
              </div>
              <div className="space-y-4">
                {worked.map((p) => {
                  const effectiveness = report.plays.get(p.id);
                  return effectiveness ? <PlayBreakdown key={p.id} name={p.name} effectiveness={effectiveness} /> : null;
                })}
              </div>
            </section>
          )}
        </>
      )}
    </div>
  );
}
