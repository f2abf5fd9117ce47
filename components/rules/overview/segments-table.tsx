import { ArrowRight, Shapes } from "lucide-react";
import Link from "next/link";
import { actionsColumn, DataTable, type Column } from "@/components/ui/table";
import type { SegmentAdminRow } from "@/lib/data/rules/segments";
import { SEGMENT_KIND_LABELS } from "@/lib/validation/segment";
import { NewSegmentDialog } from "../new-segment-dialog";
import { Badge, ColorDot } from "../ui";

function kindLabel(kind: string): string {
  return (SEGMENT_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

const COLUMNS: Column<SegmentAdminRow>[] = [
  {
    key: "segment",
    header: "Segment",
    rowHeader: true,
    cell: (s) => (
      <span className="flex items-start gap-2">
        <ColorDot color={s.color} className="mt-1.5" />
        <span className="min-w-0">
          <Link href={`/admin/rules/segments/${s.id}`} className="rounded font-medium text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600">
            {s.name}
          </Link>
          {s.description && <span className="line-clamp-1 block max-w-xs text-xs text-slate-500">{s.description}</span>}
        </span>
      </span>
    ),
  },
  { key: "kind", header: "Kind", className: "whitespace-nowrap", cell: (s) => kindLabel(s.kind) },
  {
    key: "members",
    header: "Members",
    align: "right",
    className: "tabular text-slate-900",
    cell: (s) => (s.publishedVersion ? s.members.toLocaleString("en-US") : <span className="text-slate-400">—</span>),
  },
  {
    key: "status",
    header: "Status",
    cell: (s) => (
      <div className="flex flex-wrap gap-1">
        {s.publishedVersion ? <Badge tone="green">Published v{s.publishedVersion}</Badge> : <Badge>Draft only</Badge>}
        {s.hasUnpublishedChanges && s.publishedVersion !== null && <Badge tone="brand">Unpublished changes</Badge>}
      </div>
    ),
  },
  { key: "rule", header: "Rule", headerClassName: "w-[38%]", className: "text-slate-600", cell: (s) => <span className="line-clamp-2">{s.ruleText}</span> },
  actionsColumn((s) => (
    <Link
      href={`/admin/rules/segments/${s.id}`}
      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      Edit<span className="sr-only"> {s.name}</span>
      <ArrowRight className="h-3.5 w-3.5" aria-hidden />
    </Link>
  )),
];

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
        <DataTable columns={COLUMNS} rows={segments} rowKey={(s) => s.id} caption="Segments" testId="segments-table" frame="inset" valign="top" />
      )}
    </section>
  );
}
