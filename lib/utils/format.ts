const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const moneyCompact = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function formatMoney(value: number | null | undefined): string {
  return value == null ? "—" : money.format(value);
}

export function formatMoneyCompact(value: number | null | undefined): string {
  return value == null ? "—" : moneyCompact.format(value);
}

export function formatNumber(value: number | null | undefined): string {
  return value == null ? "—" : integer.format(value);
}

/** "12 Mar 2026" (UTC calendar day; dates are stored as UTC days). Accepts a Date or "YYYY-MM-DD…". */
export function formatDate(value: Date | string | null | undefined): string {
  if (value == null) return "—";
  const d = typeof value === "string" ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * "12 Mar 2026 14:05", in UTC like every date in the app, so server-rendered markup matches the
 * browser's; `zone` adds " UTC" where nothing around the time says so.
 */
export function formatDateTime(value: Date | string | null | undefined, { zone = false }: { zone?: boolean } = {}): string {
  if (value == null) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${formatDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${zone ? " UTC" : ""}`;
}

/** "NORTH_AMERICA" -> "North America"; "ON_PREMISE" -> "On premise". */
export function humanize(value: string | null | undefined): string {
  if (!value) return "—";
  const words = value.toLowerCase().split("_");
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(" ");
}

export function formatDays(days: number | null | undefined): string {
  if (days == null) return "—";
  return days === 1 ? "1 day" : `${integer.format(days)} days`;
}

/** Text for a count: "1 account", "1,234 accounts", "2 technologies". */
export function plural(count: number, word: string, pluralWord = word.endsWith("y") && !/[aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`): string {
  return `${integer.format(count)} ${count === 1 ? word : pluralWord}`;
}
