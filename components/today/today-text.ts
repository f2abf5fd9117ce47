/**
 * Sentences of /today (client-safe, no React). A "since your last visit" group: "3 accounts entered
 * Tier 1 · Strategic", "2 accounts left play “Cloud ERP migration”", "5 accounts entered segment
 * “Cloud CRM users”". Tier names already say "Tier"; segments and plays are named with their kind.
 */
import { formatNumber, plural } from "@/lib/utils/format";

export interface ChangeGroupWords {
  scope: "TIER" | "SEGMENT" | "PLAY";
  change: "ENTERED" | "LEFT";
  accounts: number;
  target: { name: string };
}

export function describeChangeGroup(group: ChangeGroupWords): { count: string; verb: string; noun: string | null; text: string } {
  const count = plural(group.accounts, "account");
  const verb = group.change === "ENTERED" ? "entered" : "left";
  const noun = group.scope === "SEGMENT" ? "segment" : group.scope === "PLAY" ? "play" : null;
  const what = noun ? `${noun} “${group.target.name}”` : group.target.name;
  return { count, verb, noun, text: `${count} ${verb} ${what}` };
}

/** "+4 more" after the names shown; null when every account is named. */
export function moreAccounts(total: number, shown: number): string | null {
  return total > shown ? `+${formatNumber(total - shown)} more` : null;
}

/** "20 of 148 open plays for today": the plan is the top of the book, cut at the daily capacity. */
export function planSummary(shown: number, open: number): string {
  if (open > shown) return `${formatNumber(shown)} of ${formatNumber(open)} open plays for today`;
  return `${plural(open, "open play")} for today`;
}
