import Link from "next/link";
import { cn } from "@/lib/utils/cn";

/** An account's name linking to its page, with its domain beside it or, in a table cell, below it. */
export function AccountName({ account, layout = "stacked" }: { account: { id: number; name: string; domain: string }; layout?: "stacked" | "inline" }) {
  return (
    <span className={cn(layout === "stacked" ? "block min-w-44" : "min-w-0")}>
      <Link href={`/accounts/${account.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        {account.name}
      </Link>
      <span className={cn("text-slate-500", layout === "stacked" ? "block text-xs" : "ml-2")}>{account.domain}</span>
    </span>
  );
}
