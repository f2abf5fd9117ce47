/**
 * Display formats of the rules screens: date-times like "12 Mar 2026 14:05", short money for
 * tight columns, shares as percentages. Plain functions: usable in server and client components.
 */
import { formatMoney, formatMoneyCompact } from "@/lib/utils/format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "12 Mar 2026 14:05" in UTC, the same on the server and in the browser (so server-rendered
 * markup matches), like the dates elsewhere in the app.
 */
export function formatDateTime(value: Date | string): string {
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

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
