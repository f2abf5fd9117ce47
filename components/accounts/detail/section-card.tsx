import { useId } from "react";
import { Card } from "@/components/ui/card";

/** A titled card for one section of the account page; the title names the region. */
export function SectionCard({
  title,
  description,
  action,
  className,
  children,
  testId,
}: {
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <Card id={useId()} title={title} titleClassName="text-base" description={description} actions={action} className={className} testId={testId}>
      {children}
    </Card>
  );
}

/** What a section shows when it has nothing to show. */
export function EmptyState({ icon: Icon, title, children }: { icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>; title: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center px-4 py-8 text-center">
      <span className="flex h-10 w-10 items-center justify-center rounded-full bg-slate-100 text-slate-500">
        <Icon className="h-5 w-5" aria-hidden />
      </span>
      <p className="mt-3 text-sm font-medium text-slate-900">{title}</p>
      {children && <p className="mt-1 max-w-xs text-sm text-slate-600">{children}</p>}
    </div>
  );
}

/** A compact label/value pair list (firmographics, profile). */
export function DetailList({ items }: { items: { label: string; value: React.ReactNode }[] }) {
  return (
    <dl className="divide-y divide-slate-100">
      {items.map((item) => (
        <div key={item.label} className="flex items-baseline justify-between gap-4 py-2 text-sm first:pt-0 last:pb-0">
          <dt className="shrink-0 text-slate-600">{item.label}</dt>
          <dd className="min-w-0 text-right font-medium text-slate-900">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
