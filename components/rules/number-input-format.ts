/**
 * Reading and writing the numbers people type into rule values: "250,000", "$1.5m", "40k".
 */

const display = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const SUFFIX: Record<string, number> = { k: 1_000, m: 1_000_000, b: 1_000_000_000 };

/**
 * The number a person typed, or null for an empty box, or "invalid". Separators, spaces and a
 * leading "$" are ignored; k, m and b multiply (so "1.5m" is 1,500,000).
 */
export function parseNumberText(text: string): number | null | "invalid" {
  const cleaned = text.trim().replace(/[\s,_]/g, "").replace(/^\$/, "").replace(/^(-?)\$/, "$1");
  if (cleaned === "") return null;
  const match = /^(-?(?:\d+\.?\d*|\.\d+))([kmb])?$/i.exec(cleaned);
  if (!match) return "invalid";
  const base = Number(match[1]);
  const multiplier = match[2] ? (SUFFIX[match[2].toLowerCase()] ?? 1) : 1;
  const value = base * multiplier;
  if (!Number.isFinite(value)) return "invalid";
  // Undo binary noise from the multiplication (1.1 * 1000 = 1100.0000000000002).
  return multiplier === 1 ? value : Number(value.toPrecision(15));
}

/** How a stored value shows in its box: "250,000" (the "$" is drawn beside the box). */
export function formatNumberText(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) return display.format(value);
  if (typeof value === "string") return value;
  return "";
}

/** The value kept in the rule for what was typed: the number, null when empty, else the raw text (so validation can say why). */
export function valueFromText(text: string): number | string | null {
  const parsed = parseNumberText(text);
  return parsed === "invalid" ? text : parsed;
}
