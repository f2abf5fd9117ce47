import { SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function SegmentNotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-xl bg-white px-6 py-14 text-center shadow-sm ring-1 ring-slate-200">
      <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-700">
        <SearchX className="h-6 w-6" aria-hidden />
      </span>
      <h1 className="mt-4 text-lg font-semibold text-slate-900">Segment not found</h1>
      <p className="mt-2 text-sm text-slate-600">It may have been archived, or the address is wrong.</p>
      <Link href="/admin/rules" className={buttonClass("primary", "mt-6")}>
        Back to rules
      </Link>
    </div>
  );
}
