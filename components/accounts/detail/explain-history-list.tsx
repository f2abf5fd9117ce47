"use client";

import { TierBadge } from "@/components/accounts/tier-badge";
import type { LedgerHistoryEntry, OutcomeHistoryEntry } from "@/lib/data/membership-history";
import { cn } from "@/lib/utils/cn";

/** An entry with its time formatted by the server (a date for ledger entries, date and time for outcomes). */
type At<T> = Omit<T, "at"> & { atIso: string; atText: string };
export type HistoryEntryView = At<LedgerHistoryEntry> | At<OutcomeHistoryEntry>;

function SegmentName({ segment }: { segment: NonNullable<LedgerHistoryEntry["segment"]> }) {
  return (
    <span className="inline-flex items-center gap-1.5 font-medium text-slate-900">
      <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: segment.color }} />
      {segment.name}
    </span>
  );
}

/** "Moved from Tier 2 to Tier 1", "Joined segment Cloud CRM users", "Entered play Cloud ERP migration", … */
function What({ entry }: { entry: At<LedgerHistoryEntry> }) {
  if (entry.scope === "PLAY") {
    return (
      <>
        {entry.change === "ENTERED" ? "Entered" : "Left"} play <span className="font-medium text-slate-900">{entry.play?.name ?? "(deleted)"}</span>
      </>
    );
  }
  if (entry.scope === "SEGMENT") {
    return (
      <>
        {entry.change === "ENTERED" ? "Joined" : "Left"} segment {entry.segment ? <SegmentName segment={entry.segment} /> : "(deleted)"}
      </>
    );
  }
  if (entry.change === "LEFT") {
    return (
      <>
        Left <TierBadge tier={entry.fromTier ?? { name: "a tier", color: "#94a3b8" }} /> and became Untiered
      </>
    );
  }
  return entry.fromTier ? (
    <>
      Moved from <TierBadge tier={entry.fromTier} /> to <TierBadge tier={entry.tier} />
    </>
  ) : (
    <>
      Entered <TierBadge tier={entry.tier} />
    </>
  );
}

function dotClass(entry: HistoryEntryView): string {
  if (entry.scope === "OUTCOME") return "bg-sky-500";
  if (entry.change === "LEFT") return "bg-slate-400";
  if (entry.scope === "PLAY") return "bg-amber-500";
  return entry.scope === "TIER" ? "bg-brand-600" : "bg-emerald-500";
}

/** "Meeting booked — Cloud ERP migration, by Rep One, 12 Mar 2026 14:05". */
function OutcomeEntry({ entry }: { entry: At<OutcomeHistoryEntry> }) {
  return (
    <>
      <p className="text-sm text-slate-700">
        <span className="font-medium text-slate-900">{entry.outcomeLabel}</span> — {entry.play.name}
      </p>
      <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
        <span className="rounded bg-sky-50 px-1.5 py-0.5 font-medium text-sky-800">Outcome</span>
        <span>by {entry.by ?? "a former user"}</span>
        <span>play v{entry.playVersion}</span>
        <time dateTime={entry.atIso}>{entry.atText}</time>
      </p>
      {entry.detail && <p className="mt-1 text-xs break-words text-slate-600">{entry.detail}</p>}
    </>
  );
}

function LedgerEntry({ entry }: { entry: At<LedgerHistoryEntry> }) {
  return (
    <>
      <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-sm text-slate-700">
        <What entry={entry} />
      </p>
      <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">{entry.reasonLabel}</span>
        {entry.ruleVersion !== null && <span>{entry.scope === "PLAY" ? "play" : "rule"} v{entry.ruleVersion}</span>}
        <time dateTime={entry.atIso}>{entry.atText}</time>
      </p>
      {entry.detail && <p className="mt-1 text-xs text-slate-600">{entry.detail}</p>}
    </>
  );
}

/**
 * The membership ledger and play outcomes, newest first (up to 50), rendered in the browser from
 * their data as the account page's other long lists.
 */
export function HistoryList({ entries }: { entries: HistoryEntryView[] }) {
  return (
    <ol className="relative space-y-4 before:absolute before:top-1.5 before:bottom-1.5 before:left-[5px] before:w-px before:bg-slate-200">
      {entries.map((entry) => (
        <li key={entry.id} className="relative pl-6" data-testid="history-entry" data-scope={entry.scope}>
          <span aria-hidden="true" className={cn("absolute top-1.5 left-0 h-[11px] w-[11px] rounded-full ring-2 ring-white", dotClass(entry))} />
          {entry.scope === "OUTCOME" ? <OutcomeEntry entry={entry} /> : <LedgerEntry entry={entry} />}
        </li>
      ))}
    </ol>
  );
}

