import { hasAnyFilter, type AccountQuery } from "@/lib/validation/account-query";

export interface EmptyState {
  title: string;
  message: string;
  /** Offer "Clear search and filters": only when there is something to clear. */
  clearLink: boolean;
}

/**
 * What the accounts list says instead of an empty table (null: it has rows). With a search or a
 * filter, nothing matched them; without, the user has no accounts at all: for a rep, none are
 * assigned yet; for a manager or admin, none exist yet.
 */
export function emptyStateFor(query: AccountQuery, total: number, seesAll: boolean): EmptyState | null {
  if (total > 0) return null;
  if (hasAnyFilter(query)) {
    return { title: "No accounts match", message: "Try a different search or clear some filters.", clearLink: true };
  }
  return seesAll
    ? { title: "No accounts yet", message: "Accounts appear here once they are imported.", clearLink: false }
    : { title: "No accounts yet", message: "You have no accounts assigned yet.", clearLink: false };
}
