import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SCORE_PART_DISPLAY } from "@/lib/domain/score-parts";
import type { ScoreWeights } from "@/lib/segmentation/score";
import { WEIGHT_KEYS, sharePercents } from "../scoring-weights";

/** The priority score's weights and ideal profile size, linking to their settings page. */
export function ScoringCard({ weights, criteria }: { weights: ScoreWeights; criteria: number }) {
  const shares = sharePercents(weights);
  return (
    <section aria-labelledby="scoring-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <header className="flex items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div>
          <h2 id="scoring-heading" className="text-base font-semibold text-slate-900">
            Priority score
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">How reps&apos; lists are ordered within a tier.</p>
        </div>
        <Link href="/admin/rules/scoring" className={buttonClass("secondary")}>
          Adjust
          <ArrowRight className="h-4 w-4" aria-hidden />
        </Link>
      </header>
      <div className="space-y-4 px-5 py-4">
        <div className="flex h-2.5 w-full overflow-hidden rounded-full bg-slate-100" role="img" aria-label={WEIGHT_KEYS.map((k) => `${SCORE_PART_DISPLAY[k].label} ${shares[k]}%`).join(", ")}>
          {WEIGHT_KEYS.map((k) => (
            <div key={k} className="h-full" style={{ width: `${shares[k]}%`, backgroundColor: SCORE_PART_DISPLAY[k].color }} />
          ))}
        </div>
        <dl className="grid grid-cols-3 gap-2">
          {WEIGHT_KEYS.map((k) => (
            <div key={k} className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
              <dt className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
                <span className="h-2 w-2 rounded-full" style={{ backgroundColor: SCORE_PART_DISPLAY[k].color }} aria-hidden="true" />
                {SCORE_PART_DISPLAY[k].label}
              </dt>
              <dd className="tabular text-lg font-semibold text-slate-900">{shares[k]}%</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-600">
          {criteria === 0
            ? "No ideal customer profile yet: fit is 0 for every account."
            : `Fit is measured against ${criteria} ideal-profile ${criteria === 1 ? "criterion" : "criteria"}.`}
        </p>
      </div>
    </section>
  );
}
