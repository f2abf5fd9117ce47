const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const moneyCompact = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function formatMoney(value: number | null | undefined): string {
  return value == null ? "—" : money.format(value);
}

export function formatMoneyCompact(value: number | null | undefined): string {
  return value == null ? "—" : moneyCompact.format(value);
}

export function formatNumber(value: number | null | undefined): string {
  return value == null ? "—" : integer.format(value);
}

export function formatDate(value: Date | string | null | undefined): string {
  if (value == null) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "—" : date.format(d);
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
