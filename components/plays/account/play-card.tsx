import { MessageSquareQuote } from "lucide-react";
import type { RecommendedPlay } from "@/lib/data/plays/recommendations";
import type { PlayKind } from "@/lib/plays/kinds";
import { cn } from "@/lib/utils/cn";
import { LatestOutcomeBadge } from "./latest-outcome";
import { PlayChannel } from "./play-channel";
import { PlayWhy } from "./play-why";
import { RecordOutcomeForm } from "./record-outcome-form";

const KIND_TONES: Record<PlayKind, string> = {
  UPSELL: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  CROSS_SELL: "bg-sky-50 text-sky-800 ring-sky-200",
  MIGRATION: "bg-violet-50 text-violet-800 ring-violet-200",
  RETENTION: "bg-amber-50 text-amber-900 ring-amber-200",
  EXPANSION: "bg-brand-50 text-brand-700 ring-brand-200",
};

function SubHeading({ children }: { children: React.ReactNode }) {
  return <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{children}</h4>;
}

/** One recommended play: what to offer, the words to use, through which channel, why, and what happened so far. */
export function PlayCard({ accountId, item, snooze }: { accountId: number; item: RecommendedPlay; snooze: { min: string; max: string } }) {
  const { play, why, pitch, talkingPoints, channel, latestOutcome } = item;
  const headingId = `play-${play.id}-name`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg ring-1 ring-slate-200" data-testid="recommended-play" data-play-id={play.id}>
      <header className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-slate-100 px-3 py-3 sm:px-4">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", KIND_TONES[play.kind])}>{play.kindLabel}</span>
            <span className="text-xs text-slate-500">Priority {play.priority}</span>
          </div>
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {play.name}
          </h3>
          <p className="text-sm text-slate-600">{play.goal}</p>
        </div>
        {latestOutcome && <LatestOutcomeBadge outcome={latestOutcome} />}
      </header>

      <div className="grid gap-5 px-3 py-4 sm:px-4 md:grid-cols-5">
        <div className="min-w-0 space-y-4 md:col-span-3">
          <section className="space-y-2">
            <SubHeading>Pitch</SubHeading>
            <blockquote className="flex gap-2 rounded-md bg-slate-50 px-3 py-2.5 text-sm text-slate-800 ring-1 ring-inset ring-slate-200" data-testid="play-pitch">
              <MessageSquareQuote className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden />
              <p className="min-w-0 break-words whitespace-pre-wrap">{pitch}</p>
            </blockquote>
          </section>
          {talkingPoints.length > 0 && (
            <section className="space-y-2">
              <SubHeading>Talking points</SubHeading>
              <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800 marker:text-slate-400">
                {talkingPoints.map((point, i) => (
                  <li key={i} className="break-words whitespace-pre-wrap">
                    {point}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <div className="min-w-0 space-y-4 md:col-span-2">
          <section className="space-y-2">
            <SubHeading>Why this play</SubHeading>
            <PlayWhy why={why} />
          </section>
          <section className="space-y-2">
            <SubHeading>Suggested channel</SubHeading>
            <PlayChannel channel={channel} />
          </section>
        </div>
      </div>

      <footer className="border-t border-slate-100 bg-slate-50/60 px-3 py-3 sm:px-4">
        <RecordOutcomeForm accountId={accountId} playId={play.id} playName={play.name} snooze={snooze} />
      </footer>
    </article>
  );
}
