import { cn } from "@/lib/utils/cn";

/** A small square button with an icon; its purpose is in aria-label (and the tooltip). */
export function IconButton({
  label,
  className,
  children,
  tone = "default",
  ...props
}: Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "aria-label"> & { label: string; tone?: "default" | "danger" } & { "data-focus"?: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={cn(
        "inline-flex h-7 w-7 items-center justify-center rounded-md text-slate-500 transition",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 disabled:pointer-events-none disabled:opacity-30",
        tone === "danger" ? "hover:bg-red-50 hover:text-red-700" : "hover:bg-slate-100 hover:text-slate-900",
        className,
      )}
      {...props}
    >
      {children}
    </button>
  );
}

type BadgeTone = "neutral" | "brand" | "amber" | "green" | "red";

const BADGE_TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  brand: "bg-brand-50 text-brand-700 ring-brand-100",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  red: "bg-red-50 text-red-800 ring-red-200",
};

export function Badge({ tone = "neutral", className, children }: { tone?: BadgeTone; className?: string; children: React.ReactNode }) {
  return (
    <span className={cn("inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", BADGE_TONES[tone], className)}>
      {children}
    </span>
  );
}

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
}: {
  title?: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  className?: string;
  bodyClassName?: string;
  children: React.ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={title && id ? id : undefined} className={cn("rounded-xl bg-white shadow-sm ring-1 ring-slate-200", className)}>
      {(title || actions) && (
        <header className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-slate-100 px-5 py-3.5">
          <div className="min-w-0">
            {title && (
              <Heading id={id} className="text-sm font-semibold text-slate-900">
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

/** A coloured dot for a tier or segment. */
export function ColorDot({ color, className }: { color: string; className?: string }) {
  return <span aria-hidden="true" className={cn("inline-block h-2.5 w-2.5 shrink-0 rounded-full ring-1 ring-inset ring-black/10", className)} style={{ backgroundColor: color }} />;
}

/** Text for a count: "1 account", "1,234 accounts". */
export function plural(count: number, word: string, plural = `${word}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? word : plural}`;
}
