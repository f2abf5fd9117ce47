import { ArrowRight, Shapes } from "lucide-react";
import Link from "next/link";
import type { SegmentAdminRow } from "@/lib/data/rules/segments";
import { SEGMENT_KIND_LABELS } from "@/lib/validation/segment";
import { NewSegmentDialog } from "../new-segment-dialog";
import { Badge, ColorDot } from "../ui";

function kindLabel(kind: string): string {
  return (SEGMENT_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** Every segment with its size, state and rule in plain language. */
export function SegmentsTable({ segments }: { segments: SegmentAdminRow[] }) {
  return (
    <section aria-labelledby="segments-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div>
          <h2 id="segments-heading" className="text-base font-semibold text-slate-900">
            Segments
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">Named groups of accounts — by technology, behaviour or both. They may overlap.</p>
        </div>
        {segments.length > 0 && <NewSegmentDialog variant="secondary" />}
      </header>
      {segments.length === 0 ? (
        <div className="flex flex-col items-center px-6 py-12 text-center">
          <span className="flex h-10 w-10 items-center justify-center rounded-full bg-brand-50 text-brand-700">
            <Shapes className="h-5 w-5" aria-hidden />
          </span>
          <p className="mt-3 text-sm font-medium text-slate-900">No segments yet — create the first one</p>
          <p className="mt-1 max-w-sm text-sm text-slate-600">For example “Salesforce users on-premise” for a migration offer, or “Engaged but not buying” for a nurture play.</p>
          <div className="mt-4">
            <NewSegmentDialog />
          </div>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="segments-table">
            <caption className="sr-only">Segments</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <th scope="col" className="px-5 py-2.5">Segment</th>
                <th scope="col" className="px-3 py-2.5">Kind</th>
                <th scope="col" className="px-3 py-2.5 text-right">Members</th>
                <th scope="col" className="px-3 py-2.5">Status</th>
                <th scope="col" className="w-[38%] px-3 py-2.5">Rule</th>
                <th scope="col" className="px-5 py-2.5 text-right">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {segments.map((s) => (
                <tr key={s.id} className="align-top hover:bg-slate-50/70">
                  <th scope="row" className="px-5 py-3 text-left font-normal">
                    <span className="flex items-start gap-2">
                      <ColorDot color={s.color} className="mt-1.5" />
                      <span className="min-w-0">
                        <Link href={`/admin/rules/segments/${s.id}`} className="rounded font-medium text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600">
                          {s.name}
                        </Link>
                        {s.description && <span className="line-clamp-1 block max-w-xs text-xs text-slate-500">{s.description}</span>}
                      </span>
                    </span>
                  </th>
                  <td className="whitespace-nowrap px-3 py-3 text-slate-700">{kindLabel(s.kind)}</td>
                  <td className="tabular px-3 py-3 text-right text-slate-900">{s.publishedVersion ? s.members.toLocaleString("en-US") : <span className="text-slate-400">—</span>}</td>
                  <td className="px-3 py-3">
                    <div className="flex flex-wrap gap-1">
                      {s.publishedVersion ? <Badge tone="green">Published v{s.publishedVersion}</Badge> : <Badge>Draft only</Badge>}
                      {s.hasUnpublishedChanges && s.publishedVersion !== null && <Badge tone="brand">Unpublished changes</Badge>}
                    </div>
                  </td>
                  <td className="px-3 py-3 text-slate-600">
                    <span className="line-clamp-2">{s.ruleText}</span>
                  </td>
                  <td className="whitespace-nowrap px-5 py-3 text-right">
                    <Link
                      href={`/admin/rules/segments/${s.id}`}
                      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                    >
                      Edit<span className="sr-only"> {s.name}</span>
                      <ArrowRight className="h-3.5 w-3.5" aria-hidden />
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
