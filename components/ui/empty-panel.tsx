import Link from "next/link";

/** What a page (or a page's section) shows instead of a list with nothing in it, and where to go next. */
export function EmptyPanel({
  title,
  children,
  icon: Icon,
  link,
  headingLevel = 2,
}: {
  title: string;
  children?: React.ReactNode;
  icon?: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  link?: { href: string; label: string } | null;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="rounded-xl bg-white px-6 py-16 text-center shadow-sm ring-1 ring-slate-200" data-testid="empty-state">
      {Icon && (
        <span className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-700">
          <Icon className="h-6 w-6" aria-hidden />
        </span>
      )}
      <Heading className="text-base font-semibold text-slate-900">{title}</Heading>
      {children && <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{children}</p>}
      {link && (
        <Link href={link.href} className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
          {link.label}
        </Link>
      )}
    </div>
  );
}
