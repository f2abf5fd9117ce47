import { cn } from "@/lib/utils/cn";

/**
 * An account's name linking to its page, with its domain beside it or, in a table cell, below it.
 * A plain anchor, not next/link: it repeats on every row, and the app shell's SoftNavigation makes
 * it a client-side navigation (components/shell/soft-navigation.tsx).
 */
export function AccountName({ account, layout = "stacked" }: { account: { id: number; name: string; domain: string }; layout?: "stacked" | "inline" }) {
  return (
    <span className={cn(layout === "stacked" ? "block min-w-44" : "min-w-0")}>
      <a href={`/accounts/${account.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        {account.name}
      </a>
      <span className={cn("text-slate-500", layout === "stacked" ? "block text-xs" : "ml-2")}>{account.domain}</span>
    </span>
  );
}
