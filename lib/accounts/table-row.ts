/**
 * The accounts table's columns and what one of its rows carries (client-safe). The table renders
 * in the browser from these rows (components/accounts/accounts-table-view.tsx): a client-side
 * navigation then carries 50 small objects instead of ~650 server-rendered elements whose class
 * strings repeat on every row, which is most of the list's payload and of the server's CPU for it.
 */
import type { AccountRow } from "@/lib/data/accounts";
import { ACCOUNT_COLUMNS, isRowField, type ListColumn, type RowFieldKey, type TableKey } from "./list-columns";

/** The table's columns (lib/accounts/list-columns.ts); the owner's only for users who see every account. */
export const tableColumns = (showOwner: boolean): ListColumn<TableKey>[] =>
  ACCOUNT_COLUMNS.filter((c): c is ListColumn<TableKey> => c.table === "always" || (c.table === "seesAll" && showOwner));

/** A row of the table: what its cells show, nothing of the export's other fields. */
export type AccountTableRow = Pick<AccountRow, "id" | "name" | "domain" | "priorityScore"> &
  Partial<Pick<AccountRow, RowFieldKey>> & {
    tier: { name: string; color: string } | null;
    /** The owner's name; only for users who see every account (the owner column). */
    owner?: string | null;
  };

/** The row fields of the table's columns, for users who see every account and for the others. */
const FIELDS = new Map(
  [true, false].map((showOwner) => [showOwner, tableColumns(showOwner).flatMap((c) => (isRowField(c.field) ? [c.field] : []))]),
);

/** One list row as the table needs it. */
export function toTableRow(row: AccountRow, showOwner: boolean): AccountTableRow {
  const picked: AccountTableRow = {
    id: row.id,
    name: row.name,
    domain: row.domain,
    priorityScore: row.priorityScore,
    tier: row.tier && { name: row.tier.name, color: row.tier.color },
  };
  if (showOwner) picked.owner = row.owner?.name ?? null;
  for (const field of FIELDS.get(showOwner)!) Object.assign(picked, { [field]: row[field] });
  return picked;
}
