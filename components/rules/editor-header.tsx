import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { Badge } from "./ui";

/** Breadcrumb, title, state badges and the main actions of a rule editor page. */
export function EditorHeader({
  crumbs,
  title,
  titleAdornment,
  publishedVersion,
  unpublished,
  dirty,
  meta,
  actions,
}: {
  crumbs: { href: string; label: string }[];
  title: string;
  titleAdornment?: React.ReactNode;
  publishedVersion: number | null;
  /** The saved draft differs from the published version. */
  unpublished: boolean;
  /** The screen differs from the saved draft. */
  dirty: boolean;
  meta?: React.ReactNode;
  actions: React.ReactNode;
}) {
  return (
    <div className="space-y-3">
      <Breadcrumb crumbs={crumbs} current={title} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2.5">
            {titleAdornment}
            <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
            <div className="flex flex-wrap items-center gap-1.5" data-testid="editor-status">
              {publishedVersion ? <Badge tone="green">Published v{publishedVersion}</Badge> : <Badge tone="neutral">Never published</Badge>}
              {dirty ? <Badge tone="amber">Unsaved edits</Badge> : unpublished && publishedVersion !== null ? <Badge tone="brand">Unpublished changes</Badge> : null}
            </div>
          </div>
          {meta && <p className="text-sm text-slate-600">{meta}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">{actions}</div>
      </div>
    </div>
  );
}

/** "Rules › Tier scheme": where this page sits, with links back. */
export function Breadcrumb({ crumbs, current }: { crumbs: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex items-center gap-1 text-sm text-slate-500">
        {crumbs.map((c) => (
          <li key={c.href} className="flex items-center gap-1">
            <Link href={c.href} className="rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600">
              {c.label}
            </Link>
            <ChevronRight className="h-3.5 w-3.5 text-slate-400" aria-hidden />
          </li>
        ))}
        <li aria-current="page" className="truncate font-medium text-slate-700">
          {current}
        </li>
      </ol>
    </nav>
  );
}
