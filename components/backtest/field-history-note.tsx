import type { FieldHistory } from "@/lib/backtest/as-of";
import { formatDate, plural } from "@/lib/utils/format";

/** What the backtest could and could not rebuild as of the day, and who was left out. */
export function FieldHistoryNote({ fields, createdAfter, asOf, horizonEnd, truncated }: { fields: FieldHistory; createdAfter: number; asOf: string; horizonEnd: string; truncated: boolean }) {
  return (
    <div className="space-y-1.5 rounded-lg bg-slate-50 px-3 py-2.5 text-xs text-slate-600 ring-1 ring-inset ring-slate-200">
      <p>
        <span className="font-semibold text-slate-700">As of {formatDate(asOf)}</span>, recomputed from dated orders and events: {fields.pointInTime.join(", ")}.
      </p>
      <p>
        <span className="font-semibold text-slate-700">Today&apos;s values</span> (no history kept): {fields.today.join(", ")}.
      </p>
      <p>
        Horizon: orders after {formatDate(asOf)} up to {formatDate(horizonEnd)}
        {truncated ? " (cut at today)" : ""}.{" "}
        {createdAfter > 0
          ? `${plural(createdAfter, "account")} created after ${formatDate(asOf)} ${createdAfter === 1 ? "is" : "are"} left out.`
          : `No account was created after ${formatDate(asOf)}.`}
      </p>
    </div>
  );
}
