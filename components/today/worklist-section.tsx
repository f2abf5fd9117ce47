import type { Worklist, WorklistItem } from "@/lib/data/plays/worklist";
import { TodayFilters, type TodayFilterChoices } from "./today-filters";
import { planSummary } from "./today-text";
import { WorklistEmpty } from "./worklist-empty";
import { WorklistItemCard, type WorklistCardItem } from "./worklist-item";

/** An item's part that its card shows, nothing more: it is sent to the browser as data (WorklistItemCard). */
function toCardItem({ play, ...item }: WorklistItem): WorklistCardItem {
  return { ...item, play: { name: play.name, kind: play.kind } };
}

/** The day plan: its size, the capacity setting, the filters and the ranked items (or why there are none). */
export function WorklistSection({
  worklist,
  choices,
  filtered,
  clearHref,
  repName,
  isAdmin,
  capacity,
}: {
  worklist: Worklist;
  choices: TodayFilterChoices;
  filtered: boolean;
  clearHref: string;
  /** Set when someone else's plan is shown. */
  repName: string | null;
  isAdmin: boolean;
  /** The capacity form, or the capacity as text when it cannot be changed here. */
  capacity: React.ReactNode;
}) {
  const { items } = worklist;
  return (
    <section aria-labelledby="day-plan" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="day-plan" className="text-lg font-semibold text-slate-900">
            Day plan
          </h2>
          <p className="text-sm text-slate-600" data-testid="plan-summary">
            {planSummary(items.length, worklist.open)}
            {items.length > 0 && ": by tier, then score, then play priority."}
          </p>
        </div>
        {capacity}
      </div>
      {worklist.plays.length > 0 && <TodayFilters choices={choices} />}
      {items.length > 0 ? (
        <ol className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm ring-1 ring-slate-200" aria-label="Plays for today" data-testid="worklist">
          {items.map((item, i) => (
            <WorklistItemCard key={`${item.account.id}-${item.play.id}`} item={toCardItem(item)} rank={i + 1} />
          ))}
        </ol>
      ) : (
        <WorklistEmpty worklist={worklist} filtered={filtered} clearHref={clearHref} repName={repName} isAdmin={isAdmin} />
      )}
    </section>
  );
}
