import type { AccountRow } from "@/lib/data/accounts";
import { toTableRow } from "@/lib/accounts/table-row";
import type { AccountQuery } from "@/lib/validation/account-query";
import { AccountsTableView } from "./accounts-table-view";

/**
 * The accounts list's table (and a segment page's top members): the rows go to the browser as
 * data, only the fields the table shows, and the table renders there (lib/accounts/table-row.ts).
 */
export function AccountsTable({ rows, query, showOwner }: { rows: AccountRow[]; query: AccountQuery; showOwner: boolean }) {
  return <AccountsTableView rows={rows.map((row) => toTableRow(row, showOwner))} query={query} showOwner={showOwner} />;
}
