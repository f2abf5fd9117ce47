import { DataTable, type Column } from "@/components/ui/table";
import type { ScoreExplanationView } from "@/lib/data/explain";
import { TraceList } from "./explain-trace";
import { SectionCard } from "./section-card";

const percent = (weight: number) => `${Math.round(weight * 100)}%`;
const one = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

type Part = ScoreExplanationView["components"][number];

/** Score, weight and points: numbers, right-aligned, never wrapped. */
const figure = (cell: (c: Part) => React.ReactNode, strong = false): Pick<Column<Part>, "align" | "headerClassName" | "className" | "cell"> => ({
  align: "right",
  headerClassName: "whitespace-nowrap",
  className: strong ? "tabular whitespace-nowrap font-semibold text-slate-900" : "tabular whitespace-nowrap",
  cell,
});

const COLUMNS: Column<Part>[] = [
  {
    key: "component",
    header: "Component",
    rowHeader: true,
    cell: (c) => (
      <>
        <span className="font-medium text-slate-900">{c.label}</span>
        <span className="mt-0.5 block text-xs text-slate-600">{c.description}</span>
      </>
    ),
  },
  { key: "score", header: "Score", ...figure((c) => one(c.score)) },
  { key: "weight", header: "Weight", ...figure((c) => `× ${percent(c.weight)}`) },
  { key: "points", header: "Points", ...figure((c) => one(c.points), true) },
];

/**
 * The score's reasons: what each component measures, its points, and which ideal-profile
 * criteria the account meets (fit is the share met). The page's score card shows the bars.
 */
export function ExplainScoreCard({ score }: { score: ScoreExplanationView }) {
  const sum = score.components.reduce((total, c) => total + c.points, 0);
  return (
    <SectionCard
      title="Why this score"
      description={
        <>
          Priority <span className="tabular font-semibold text-slate-900">{one(score.priority)}</span> = the weighted sum of three components
        </>
      }
      testId="explain-score"
    >
      <div className="space-y-4">
        <DataTable
          columns={COLUMNS}
          rows={score.components}
          rowKey={(c) => c.component}
          caption="Score components: score out of 100, weight and points"
          frame="bare"
          density="compact"
          valign="top"
          footer={
            <>
              <tr className="border-t border-slate-200">
                <th scope="row" colSpan={3} className="pt-2 text-left text-sm font-semibold text-slate-900">
                  Priority score
                </th>
                <td className="tabular pt-2 text-right font-semibold text-slate-900">{one(score.priority)}</td>
              </tr>
              {Math.abs(sum - score.priority) >= 0.15 && (
                <tr>
                  <td colSpan={4} className="pt-1 text-xs text-slate-500">
                    Points are rounded; their sum is {one(sum)}.
                  </td>
                </tr>
              )}
            </>
          }
        />

        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Ideal customer profile</h3>
          {score.idealProfile ? (
            <>
              <p className="mt-1 mb-2 text-sm text-slate-700">
                Meets <span className="font-semibold text-slate-900">{score.idealProfile.met}</span> of {score.idealProfile.total} criteria today.
              </p>
              <TraceList nodes={score.idealProfile.criteria} />
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-600">No ideal profile is defined yet, so fit is 0 for every account.</p>
          )}
        </div>
      </div>
    </SectionCard>
  );
}
