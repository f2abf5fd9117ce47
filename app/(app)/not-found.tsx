import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** 404 inside the app: a page that does not exist, or one this role may not open. */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-xl bg-white px-6 py-14 text-center shadow-sm ring-1 ring-slate-200" data-testid="not-found">
      <h1 className="text-lg font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">This page does not exist, or your role does not give access to it.</p>
      <Link href="/accounts" className={buttonClass("primary", "mt-6")}>
        Back to accounts
      </Link>
    </div>
  );
}
