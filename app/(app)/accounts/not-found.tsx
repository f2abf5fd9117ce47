import { SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Shown for a missing account and for someone else's: the two are deliberately indistinguishable. */
export default function AccountNotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-xl bg-white px-6 py-14 text-center shadow-sm ring-1 ring-slate-200" data-testid="account-not-found">
      <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-700">
        <SearchX className="h-6 w-6" aria-hidden />
      </span>
      <h1 className="mt-4 text-lg font-semibold text-slate-900">Account not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        It may not exist, or it may not be assigned to you. If you think you should have access, ask your sales manager.
      </p>
      <Link href="/accounts" className={buttonClass("primary", "mt-6")}>
        Back to accounts
      </Link>
    </div>
  );
}
