import { SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** What a 404 shows: what was not found, why that may be, and the way back. */
export function NotFoundCard({
  title,
  children,
  backHref,
  backLabel,
  testId,
}: {
  title: string;
  /** Why it may be missing (the same words whether it does not exist or the user may not see it). */
  children?: React.ReactNode;
  backHref: string;
  backLabel: string;
  testId?: string;
}) {
  return (
    <div className="mx-auto max-w-lg rounded-xl bg-white px-6 py-14 text-center shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-700">
        <SearchX className="h-6 w-6" aria-hidden />
      </span>
      <h1 className="mt-4 text-lg font-semibold text-slate-900">{title}</h1>
      {children && <p className="mt-2 text-sm text-slate-600">{children}</p>}
      <Link href={backHref} className={buttonClass("primary", "mt-6")}>
        {backLabel}
      </Link>
    </div>
  );
}
