"use client";

import { AccountName } from "@/components/accounts/account-name";
import { TierBadge } from "@/components/accounts/tier-badge";
import type { WorklistItem } from "@/lib/data/plays/worklist";
import { PLAY_KIND_LABELS } from "@/lib/plays/kinds";
import { formatMoney } from "@/lib/utils/format";

/** What an item's card shows: the play by name and kind (see WorklistItemCard). */
export type WorklistCardItem = Omit<WorklistItem, "play"> & { play: Pick<WorklistItem["play"], "name" | "kind"> };

/**
 * One account x play of the day plan: who, which offer and what to say, through which channel.
 * A client component: the items go to the browser as data and render there, instead of ~50
 * server-rendered elements per item whose class strings repeat on every item.
 */
export function WorklistItemCard({ item, rank }: { item: WorklistCardItem; rank: number }) {
  const { account, play, channel } = item;
  return (
    <li className="grid gap-x-6 gap-y-3 px-5 py-4 md:grid-cols-[minmax(0,15rem)_minmax(0,1fr)_minmax(0,15rem)]" data-testid="worklist-item">
      <div className="flex min-w-0 gap-3">
        <span className="mt-0.5 w-6 shrink-0 text-right text-sm font-medium tabular-nums text-slate-500" aria-hidden="true">
          {rank}
        </span>
        <div className="min-w-0 space-y-1.5">
          <AccountName account={account} />
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
            <TierBadge tier={account.tier} />
            <span>
              Score <span className="font-medium text-slate-900">{Math.round(account.score)}</span>
            </span>
            <span title="Lifetime value">
              LTV <span className="font-medium text-slate-900">{formatMoney(account.lifetimeValue)}</span>
            </span>
          </div>
        </div>
      </div>
      <div className="min-w-0 space-y-1 pl-9 md:pl-0">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-semibold text-slate-900">{play.name}</span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">{PLAY_KIND_LABELS[play.kind]}</span>
        </p>
        <p className="text-sm text-slate-700">{item.pitch}</p>
      </div>
      <div className="flex min-w-0 flex-col gap-2 pl-9 md:items-end md:pl-0 md:text-right">
        <div className="text-sm">
          <span className="text-slate-500">{channel.best ? "Best channel: " : "Channel: "}</span>
          <span className="font-medium text-slate-900">{channel.label}</span>
          {channel.evidence && <p className="text-xs text-slate-500">{channel.evidence}</p>}
        </div>
        {/* A plain anchor (one per item): the app shell's SoftNavigation navigates client-side. */}
        <a
          href={`/accounts/${account.id}#plays`}
          className="inline-flex w-fit items-center rounded-md bg-white px-2.5 py-1 text-sm font-medium text-brand-700 ring-1 ring-inset ring-brand-200 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          Record outcome<span className="sr-only"> for {play.name} at {account.name}</span>
        </a>
      </div>
    </li>
  );
}
