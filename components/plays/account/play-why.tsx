import { TriangleAlert } from "lucide-react";
import { PassMark, RuleTrace } from "@/components/accounts/detail/explain-trace";
import type { Chip, PlayWhy as PlayWhyView } from "@/lib/data/plays/recommendations";
import { cn } from "@/lib/utils/cn";

/** A tier, segment or category the audience names; solid when the account has it, faint when not. */
function AudienceChip({ chip }: { chip: Chip }) {
  return (
    <li
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        chip.has ? "bg-white text-slate-800 ring-slate-300" : "bg-slate-50 text-slate-500 ring-slate-200",
      )}
      data-has={chip.has}
    >
      <span aria-hidden="true" className={cn("h-2 w-2 rounded-full", !chip.has && "opacity-40")} style={{ backgroundColor: chip.color }} />
      {chip.label}
      <span className="sr-only">{chip.has ? " (this account)" : " (not this account)"}</span>
    </li>
  );
}

function Part({ label, part }: { label: string; part: { ok: boolean; chips: Chip[] } | null }) {
  if (!part) return null;
  return (
    <li className="flex gap-2" data-testid="why-part">
      <PassMark passed={part.ok} className="mt-0.5" />
      <div className="min-w-0 space-y-1">
        <p className="text-xs text-slate-600">{label}</p>
        <ul className="flex flex-wrap gap-1.5">
          {part.chips.map((chip) => (
            <AudienceChip key={chip.label} chip={chip} />
          ))}
        </ul>
      </div>
    </li>
  );
}

/** Why the account is in the play's audience: each part of the audience with what the account has, and the rule's trace. */
export function PlayWhy({ why }: { why: PlayWhyView }) {
  return (
    <div className="space-y-3" data-testid="play-why">
      <p className="text-xs text-slate-600">{why.audience}</p>
      {!why.matchesNow && (
        <p className="flex gap-2 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900 ring-1 ring-inset ring-amber-200">
          <TriangleAlert className="mt-px h-3.5 w-3.5 shrink-0" aria-hidden />
          Today&apos;s data no longer matches this audience; the play leaves the account at the next recompute.
        </p>
      )}
      <ul className="space-y-2">
        <Part label="In one of these tiers" part={why.tiers} />
        <Part label="In every one of these segments" part={why.segmentsAll} />
        <Part label="In at least one of these segments" part={why.segmentsAny} />
        <Part label="Lacks one of these, which most of its peers run" part={why.whitespace} />
      </ul>
      {why.rule && (
        <div className="rounded-md px-3 py-2 ring-1 ring-inset ring-slate-200" data-testid="why-rule">
          <RuleTrace trace={why.rule} />
        </div>
      )}
    </div>
  );
}
