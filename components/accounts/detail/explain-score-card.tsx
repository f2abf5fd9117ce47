import type { ScoreExplanationView } from "@/lib/data/explain";
import { TraceList } from "./explain-trace";
import { SectionCard } from "./section-card";

const percent = (weight: number) => `${Math.round(weight * 100)}%`;
const one = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

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
        <table className="w-full text-sm">
          <caption className="sr-only">Score components: score out of 100, weight and points</caption>
          <thead>
            <tr className="text-xs text-slate-600">
              <th scope="col" className="pb-1.5 text-left font-semibold">
                Component
              </th>
              <th scope="col" className="whitespace-nowrap pb-1.5 pl-3 text-right font-semibold">
                Score
              </th>
              <th scope="col" className="whitespace-nowrap pb-1.5 pl-3 text-right font-semibold">
                Weight
              </th>
              <th scope="col" className="whitespace-nowrap pb-1.5 pl-3 text-right font-semibold">
                Points
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {score.components.map((c) => (
              <tr key={c.component} className="align-top">
                <th scope="row" className="py-2 pr-2 text-left font-normal">
                  <span className="font-medium text-slate-900">{c.label}</span>
                  <span className="mt-0.5 block text-xs text-slate-600">{c.description}</span>
                </th>
                <td className="tabular whitespace-nowrap py-2 pl-3 text-right text-slate-700">{one(c.score)}</td>
                <td className="tabular whitespace-nowrap py-2 pl-3 text-right text-slate-700">× {percent(c.weight)}</td>
                <td className="tabular whitespace-nowrap py-2 pl-3 text-right font-semibold text-slate-900">{one(c.points)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
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
          </tfoot>
        </table>

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
