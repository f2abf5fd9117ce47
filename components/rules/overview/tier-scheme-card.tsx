import { ArrowRight, Layers } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { MatrixRow } from "@/lib/data/matrix";
import type { TierSchemeEditorData } from "@/lib/data/rules/tier-scheme";
import { UNTIERED } from "@/lib/domain/tiers";
import { formatDateTime } from "@/lib/utils/format";
import { shortMoney } from "../format";
import { Badge, ColorDot } from "../ui";

/** The published tier scheme at a glance: versions, state, and how accounts spread over the tiers today. */
export function TierSchemeCard({ scheme, rows, total }: { scheme: TierSchemeEditorData; rows: MatrixRow[]; total: number }) {
  const latest = scheme.versions[0];
  return (
    <section aria-labelledby="tier-scheme-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="tier-scheme-card">
      <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id="tier-scheme-heading" className="text-base font-semibold text-slate-900">
              Tier scheme
            </h2>
            {scheme.publishedVersion ? <Badge tone="green">Published v{scheme.publishedVersion}</Badge> : <Badge>Never published</Badge>}
            {scheme.hasUnpublishedChanges && scheme.publishedVersion !== null && <Badge tone="brand">Unpublished changes</Badge>}
          </div>
          <p className="text-sm text-slate-600">
            {latest
              ? `Last published ${formatDateTime(latest.publishedAt)}${latest.publishedBy ? ` by ${latest.publishedBy}` : ""}: “${latest.note}”`
              : "Ordered tiers decide where reps spend their time. An account belongs to the first tier whose rule it meets."}
          </p>
        </div>
        {scheme.publishedVersion !== null && (
          <Link href="/admin/rules/tiers" className={buttonClass("secondary", "shrink-0")}>
            Edit tiers
            <ArrowRight className="h-4 w-4" aria-hidden />
          </Link>
        )}
      </header>
      <div className="px-5 py-4">
        {scheme.publishedVersion === null ? (
          <div className="flex flex-col items-center py-6 text-center">
            <span className="flex h-10 w-10 items-center justify-center rounded-full bg-brand-50 text-brand-700">
              <Layers className="h-5 w-5" aria-hidden />
            </span>
            <p className="mt-3 text-sm font-medium text-slate-900">{scheme.revision > 0 ? "A draft is waiting to be published" : "No tier scheme yet"}</p>
            <p className="mt-1 max-w-sm text-sm text-slate-600">
              {scheme.revision > 0
                ? "Every account stays Untiered until the tier scheme is published."
                : "Define your tiers — for example Strategic, Growth and Nurture — and publish them to rank every account."}
            </p>
            <Link href="/admin/rules/tiers" className={buttonClass("primary", "mt-4")}>
              {scheme.revision > 0 ? "Continue editing" : "Define tiers"}
            </Link>
          </div>
        ) : (
          <div className="space-y-4">
            <div className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100" role="img" aria-label="Accounts per tier today">
              {rows.map((r) => (
                <div key={r.key} className="h-full" style={{ width: `${total ? (r.total.count / total) * 100 : 0}%`, backgroundColor: r.color ?? UNTIERED.color }} />
              ))}
            </div>
            <table className="w-full text-sm">
              <caption className="sr-only">Accounts per tier today</caption>
              <thead>
                <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <th scope="col" className="pb-2 font-semibold">Tier</th>
                  <th scope="col" className="pb-2 text-right font-semibold">Accounts</th>
                  <th scope="col" className="pb-2 text-right font-semibold">Share</th>
                  <th scope="col" className="pb-2 text-right font-semibold">Lifetime value</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r, i) => (
                  <tr key={r.key} data-testid="tier-row">
                    <th scope="row" className="py-2 text-left font-medium text-slate-900">
                      <span className="inline-flex items-center gap-2">
                        <ColorDot color={r.color ?? UNTIERED.color} />
                        {r.color ? <span className="text-slate-500">{i + 1}.</span> : null}
                        <Link href={`/accounts?tier=${encodeURIComponent(r.key)}`} className="rounded hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                          {r.label}
                        </Link>
                      </span>
                    </th>
                    <td className="tabular py-2 text-right text-slate-900">{r.total.count.toLocaleString("en-US")}</td>
                    <td className="tabular py-2 text-right text-slate-600">{total ? `${Math.round((r.total.count / total) * 100)}%` : "—"}</td>
                    <td className="tabular py-2 text-right text-slate-600">{shortMoney(r.total.lifetimeValue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
