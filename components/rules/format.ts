/**
 * Display formats of the rules screens: short money for tight columns, shares as percentages
 * (date-times come from lib/utils/format). Plain functions: usable in server and client components.
 */
import { formatMoney, formatMoneyCompact } from "@/lib/utils/format";

/** "$950", "$12.3K", "$4.5M": short amounts for tight columns (exact below $1,000). */
export function shortMoney(value: number): string {
  return Math.abs(value) < 1000 ? formatMoney(value) : formatMoneyCompact(value);
}

/** "37%", "<1%" for a tiny non-zero share, "0%" when there is nothing to share. */
export function percent(part: number, total: number): string {
  if (total <= 0) return "0%";
  const p = (part / total) * 100;
  if (p > 0 && p < 1) return "<1%";
  return `${Math.round(p)}%`;
}
