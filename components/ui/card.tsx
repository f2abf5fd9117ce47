import { cn } from "@/lib/utils/cn";

/** A white card with an optional header row (title, description, actions). */
export function Card({
  title,
  description,
  actions,
  className,
  bodyClassName,
  children,
  headingLevel = 2,
  id,
  titleClassName,
  testId,
}: {
  title?: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  className?: string;
  bodyClassName?: string;
  children: React.ReactNode;
  headingLevel?: 2 | 3;
  /** The heading's id: with a title, the card becomes a region named by it. */
  id?: string;
  titleClassName?: string;
  testId?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={title && id ? id : undefined} className={cn("rounded-xl bg-white shadow-sm ring-1 ring-slate-200", className)} data-testid={testId}>
      {(title || actions) && (
        <header className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-slate-100 px-5 py-3.5">
          <div className="min-w-0">
            {title && (
              <Heading id={id} className={cn("text-sm font-semibold text-slate-900", titleClassName)}>
                {title}
              </Heading>
            )}
            {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className={cn("px-5 py-4", bodyClassName)}>{children}</div>
    </section>
  );
}
