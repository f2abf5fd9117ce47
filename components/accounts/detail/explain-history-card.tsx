import { Clock } from "lucide-react";
import { HISTORY_LIMIT, type MembershipHistoryEntry } from "@/lib/data/membership-history";
import { formatDate, formatDateTime } from "@/lib/utils/format";
import { HistoryList, type HistoryEntryView } from "./explain-history-list";
import { EmptyState, SectionCard } from "./section-card";

/** An entry for the list: its time as ISO and as shown (date and time for an outcome, the date for a ledger entry). */
function entryView({ at, ...entry }: MembershipHistoryEntry): HistoryEntryView {
  const atIso = at.toISOString();
  return entry.scope === "OUTCOME" ? { ...entry, atIso, atText: formatDateTime(at) } : { ...entry, atIso, atText: formatDate(at) };
}

/** The membership ledger and the play outcomes of this account, newest first. */
export function ExplainHistoryCard({ history }: { history: MembershipHistoryEntry[] }) {
  return (
    <SectionCard
      title="Membership history"
      description={history.length > 0 ? "Every entry to and exit from a tier, segment or play, and every play outcome, newest first" : undefined}
      testId="membership-history"
    >
      {history.length === 0 ? (
        <EmptyState icon={Clock} title="No changes recorded yet">
          Entries and exits appear here when rules are published or the account&apos;s data changes, and outcomes when a rep records them.
        </EmptyState>
      ) : (
        <>
          <HistoryList entries={history.map(entryView)} />
          {history.length >= HISTORY_LIMIT && <p className="mt-4 text-xs text-slate-500">Showing the {HISTORY_LIMIT} most recent changes.</p>}
        </>
      )}
    </SectionCard>
  );
}
