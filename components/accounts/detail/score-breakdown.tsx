import type { AccountDetail } from "@/lib/data/account-detail";
import { SectionCard } from "./section-card";

const COMPONENTS = [
  { key: "value", label: "Value", help: "Lifetime value, order frequency and potential", color: "bg-brand-600" },
  { key: "fit", label: "Fit", help: "Match to the ideal customer profile", color: "bg-sky-600" },
  { key: "engagement", label: "Engagement", help: "Recent interactions and recency", color: "bg-emerald-600" },
] as const;

const clamp = (n: number) => Math.max(0, Math.min(100, n));
const percent = (weight: number) => `${Math.round(weight * 100)}%`;

/** The priority score's arithmetic: each component (0-100) times its weight, summed. */
export function ScoreBreakdown({ score }: { score: AccountDetail["score"] }) {
  return (
    <SectionCard
      title="Score breakdown"
      description={
        <>
          Priority <span className="tabular font-semibold text-slate-900">{Math.round(score.priority)}</span> / 100, a weighted sum
        </>
      }
      testId="score-breakdown"
    >
      <ul className="space-y-4">
        {COMPONENTS.map((c) => {
          const value = clamp(score[c.key]);
          const weight = score.weights[c.key];
          return (
            <li key={c.key}>
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className="font-medium text-slate-900" id={`score-${c.key}`}>
                  {c.label} <span className="font-normal text-slate-600">× {percent(weight)}</span>
                </span>
                <span className="tabular text-slate-700">
                  <span className="font-semibold text-slate-900">{Math.round(value)}</span>/100
                  <span className="text-slate-600"> · {(value * weight).toFixed(1)} pts</span>
                </span>
              </div>
              <div
                className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100"
                role="meter"
                aria-labelledby={`score-${c.key}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(value)}
              >
                <div className={`h-full rounded-full ${c.color}`} style={{ width: `${value}%` }} />
              </div>
              <p className="mt-1 text-xs text-slate-600">{c.help}</p>
            </li>
          );
        })}
      </ul>
    </SectionCard>
  );
}
