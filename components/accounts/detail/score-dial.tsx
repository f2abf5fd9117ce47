/** The priority score as a ring, "72 / 100"; the number is the accessible text, the ring decoration. */
export function ScoreDial({ score }: { score: number }) {
  const value = Math.max(0, Math.min(100, Math.round(score)));
  const radius = 26;
  const circumference = 2 * Math.PI * radius;
  return (
    <div className="flex shrink-0 items-center gap-3" data-testid="priority-score">
      <div className="relative h-16 w-16">
        <svg viewBox="0 0 64 64" className="h-16 w-16 -rotate-90" aria-hidden="true">
          <circle cx="32" cy="32" r={radius} fill="none" strokeWidth="7" className="stroke-slate-100" />
          {/* A zero-length round-capped stroke would still draw a dot. */}
          {value > 0 && (
            <circle
              cx="32"
              cy="32"
              r={radius}
              fill="none"
              strokeWidth="7"
              strokeLinecap="round"
              className="stroke-brand-600"
              strokeDasharray={`${(value / 100) * circumference} ${circumference}`}
            />
          )}
        </svg>
        <span className="tabular absolute inset-0 flex items-center justify-center text-lg font-semibold text-slate-900" aria-hidden="true">
          {value}
        </span>
      </div>
      <div className="leading-tight">
        <div className="text-sm font-medium text-slate-900">Priority score</div>
        <div className="text-sm text-slate-600">
          <span className="sr-only">{value} </span>out of 100
        </div>
      </div>
    </div>
  );
}
