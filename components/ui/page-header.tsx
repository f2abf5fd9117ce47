import { cn } from "@/lib/utils/cn";

/** A page's one h1, a line about what the page shows, and the page's actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
  id,
  className,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  /** For a section the heading labels (`aria-labelledby`). */
  id?: string;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-wrap items-end justify-between gap-3", className)}>
      <div>
        <h1 id={id} className="text-2xl font-semibold tracking-tight text-slate-900">
          {title}
        </h1>
        {description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p>}
      </div>
      {actions}
    </div>
  );
}
