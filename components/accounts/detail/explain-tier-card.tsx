import { ArrowUpRight, ChevronRight, Layers, TriangleAlert, Trophy } from "lucide-react";
import { TierBadge } from "@/components/accounts/tier-badge";
import type { TierExplanation } from "@/lib/data/explain";
import type { GapNode } from "@/lib/segmentation/gap";
import { formatDate } from "@/lib/utils/format";
import { RuleTrace } from "./explain-trace";
import { EmptyState, SectionCard } from "./section-card";

/** One gap, inline: "Needs lifetime value ≥ $250,000; has $180,000". */
function GapText({ node }: { node: GapNode }) {
  switch (node.kind) {
    case "condition":
      return (
        <>
          Needs <span className="font-semibold text-slate-900">{node.item.needs}</span>; has{" "}
          <span className="font-semibold text-rose-700">{node.item.has}</span>
        </>
      );
    case "all":
    case "any":
      return node.children.map((child, i) => (
        <span key={i}>
          {i > 0 && <span className="text-slate-500">{node.kind === "all" ? "; and " : " — or — "}</span>}
          <GapText node={child} />
        </span>
      ));
    default:
      return <span className="first-letter:uppercase">{node.text}</span>;
  }
}

/** Everything needed, one line each; alternatives ("any") as an either/or list. */
function GapLines({ node }: { node: GapNode }) {
  if (node.kind === "all") {
    return node.children.map((child, i) => (
      <li key={i}>
        <GapText node={child} />
      </li>
    ));
  }
  if (node.kind === "any") {
    return (
      <li>
        Either
        <ul className="mt-1 space-y-1 border-l-2 border-brand-100 pl-3">
          {node.children.map((child, i) => (
            <li key={i}>
              {i > 0 && <span className="mr-1 text-xs font-semibold uppercase text-slate-500">or</span>}
              <GapText node={child} />
            </li>
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li>
      <GapText node={node} />
    </li>
  );
}

/** Tier explanation: the matching tier's trace, the gap to the next tier up and the higher tiers missed. */
export function ExplainTierCard({ tier, asOf }: { tier: TierExplanation; asOf: string }) {
  const matched = tier.attempts.find((a) => a.matched);
  const missed = tier.attempts.filter((a) => !a.matched);
  const drift = tier.schemeVersion !== null && tier.current?.key !== tier.evaluated?.key;

  return (
    <SectionCard
      title="Why this tier"
      description={tier.schemeVersion === null ? undefined : `Tier scheme v${tier.schemeVersion} · evaluated ${formatDate(asOf)}`}
      action={<TierBadge tier={tier.current} />}
      testId="explain-tier"
    >
      {tier.schemeVersion === null ? (
        <EmptyState icon={Layers} title="No tier scheme published yet">
          Once an admin publishes tier rules, this shows which rule placed the account and what it needs to move up.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {drift && (
            <p className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
              <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
              <span>
                Today&apos;s data places this account in <strong>{tier.evaluated?.name ?? "no tier"}</strong>; its stored tier updates at the next
                recompute.
              </span>
            </p>
          )}

          {matched ? (
            <div data-testid="explain-tier-match">
              <p className="mb-2 text-sm text-slate-700">
                Placed in <span className="font-semibold text-slate-900">{matched.tier.name}</span>, the first tier whose rule it meets
                {matched.tier.position > 1 ? "" : " (the top tier)"}.
              </p>
              <RuleTrace trace={matched.trace} />
            </div>
          ) : (
            <p className="text-sm text-slate-700" data-testid="explain-tier-match">
              Meets none of the {tier.tiers.length} tiers&apos; rules, so it is <span className="font-semibold text-slate-900">Untiered</span>.
            </p>
          )}

          {tier.gap ? (
            <div className="rounded-lg bg-brand-50/70 px-3.5 py-3 ring-1 ring-inset ring-brand-100" data-testid="explain-tier-gap">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm font-semibold text-brand-900">
                <ArrowUpRight className="h-4 w-4" aria-hidden />
                To reach <TierBadge tier={tier.gap.tier} />
              </p>
              {tier.gap.tree ? (
                <ul className="mt-2 space-y-1 text-sm text-slate-700">
                  <GapLines node={tier.gap.tree} />
                </ul>
              ) : (
                <p className="mt-2 text-sm text-slate-700">{tier.gap.text}</p>
              )}
            </div>
          ) : (
            matched?.tier.position === 1 && (
              <p className="flex items-center gap-2 text-sm text-slate-600">
                <Trophy className="h-4 w-4 text-amber-500" aria-hidden />
                This is the top tier.
              </p>
            )
          )}

          {missed.length > 0 && (
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{matched ? "Higher tiers not met" : "Tiers not met"}</h3>
              <ul className="mt-2 space-y-2">
                {missed.map((attempt) => (
                  <li key={attempt.tier.key}>
                    <details className="group rounded-lg ring-1 ring-inset ring-slate-200 open:bg-slate-50/60">
                      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 [&::-webkit-details-marker]:hidden">
                        <ChevronRight className="h-4 w-4 shrink-0 text-slate-400 transition-transform group-open:rotate-90" aria-hidden />
                        <TierBadge tier={attempt.tier} />
                        <span className="ml-auto text-xs tabular text-slate-600">
                          {attempt.passed} of {attempt.total} conditions met
                        </span>
                      </summary>
                      <div className="border-t border-slate-200 px-3 py-3">
                        <RuleTrace trace={attempt.trace} />
                      </div>
                    </details>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </SectionCard>
  );
}
