import type { LatestOutcome } from "@/lib/data/plays/recommendations";
import type { OutcomeKind } from "@/lib/plays/kinds";
import { cn } from "@/lib/utils/cn";
import { formatDate, formatDateTime, formatMoney } from "@/lib/utils/format";

const TONES: Record<OutcomeKind, string> = {
  CONTACTED: "bg-sky-50 text-sky-900 ring-sky-200",
  MEETING_BOOKED: "bg-sky-50 text-sky-900 ring-sky-200",
  WON: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  LOST: "bg-rose-50 text-rose-900 ring-rose-200",
  NOT_A_FIT: "bg-slate-100 text-slate-800 ring-slate-200",
  SNOOZED: "bg-amber-50 text-amber-900 ring-amber-200",
};

/** "Won $48,000", "Snoozed until 20 Mar 2026", "Lost", … */
function headline(outcome: LatestOutcome): string {
  if (outcome.kind === "WON" && outcome.amount !== null) return `Won ${formatMoney(outcome.amount)}`;
  if (outcome.kind === "SNOOZED" && outcome.snoozeUntil) return `Snoozed until ${formatDate(outcome.snoozeUntil)}`;
  return outcome.label;
}

/** The newest outcome recorded for this account on the play: what, who, when (and why, for a loss). */
export function LatestOutcomeBadge({ outcome }: { outcome: LatestOutcome }) {
  return (
    <div className={cn("max-w-full rounded-md px-2.5 py-1.5 text-xs ring-1 ring-inset sm:max-w-64", TONES[outcome.kind])} data-testid="latest-outcome">
      <p>
        <span className="sr-only">Latest outcome: </span>
        <span className="font-semibold">{headline(outcome)}</span>
      </p>
      <p className="opacity-80">
        {outcome.by ?? "A former user"} · <time dateTime={outcome.at.toISOString()}>{formatDateTime(outcome.at)}</time>
      </p>
      {outcome.reason && <p className="mt-0.5 break-words opacity-90">{outcome.reason}</p>}
    </div>
  );
}
