import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import { logUnexpected } from "@/lib/log";
import { ACCOUNT_COLUMNS, isRowField, type ColumnKey, type ListColumn } from "@/lib/accounts/list-columns";
import { UNTIERED } from "@/lib/domain/tiers";
import { CSV_BOM, csvRow, type CsvValue } from "@/lib/utils/csv";
import { serializeAccountQuery, type AccountQuery } from "@/lib/validation/account-query";
import { ACCOUNT_ROW_FROM, ACCOUNT_ROW_SELECT, toAccountRow, type AccountRow, type RawAccountRow } from "./accounts";
import { accountOrderSql, accountWhereSql, visibleAccountsSql } from "./account-filters";

/** Rows fetched per query while streaming. */
export const EXPORT_BATCH_SIZE = 2000;

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export interface ExportColumn {
  header: string;
  value: (row: AccountRow) => CsvValue;
}

/** Cells that are not simply the row's field. */
const CELLS: Partial<Record<ColumnKey, ExportColumn["value"]>> = {
  id: (r) => r.id,
  tier: (r) => r.tier?.name ?? UNTIERED.label,
  score: (r) => Math.round(r.priorityScore * 10) / 10,
  owner: (r) => r.owner?.name ?? null,
};

/** A field's cell: an enum value by its label, a date as YYYY-MM-DD, numbers and text as they are. */
function fieldCell(column: ListColumn): ExportColumn["value"] {
  const field = column.field;
  if (!isRowField(field)) throw new Error(`the export has no cell for column ${column.key}`);
  const labels = new Map(column.options.map((o) => [o.value, o.label]));
  return (row) => {
    const value = row[field];
    if (value instanceof Date) return isoDate(value);
    return typeof value === "string" ? (labels.get(value) ?? value) : value;
  };
}

/** The export's columns, in order (the list's columns marked `csv`): header and how to read the cell from a list row. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = ACCOUNT_COLUMNS.filter((c) => c.csv).map((c) => ({
  header: c.label,
  value: CELLS[c.key] ?? fieldCell(c),
}));

/**
 * The ids of every matching account, in the list's order (same FROM, WHERE and ORDER BY
 * as listAccounts), taken in one statement. Fetching rows by these ids afterwards gives one
 * consistent order (no row skipped or repeated when data changes mid-export) and one sort,
 * where an OFFSET loop would sort again for every batch. owner_name is selected because
 * the owner sort refers to it.
 */
async function orderedIds(actor: Actor, query: AccountQuery): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT a.id, u.name AS owner_name ${ACCOUNT_ROW_FROM}
    WHERE ${accountWhereSql(actor, query)} ORDER BY ${accountOrderSql(query)}`;
  return rows.map((r) => r.id);
}

/** One batch of rows by id, in the given order; visibility is checked again in case an owner changed since. */
async function rowsByIds(actor: Actor, ids: number[]): Promise<AccountRow[]> {
  const raw = await db.$queryRaw<RawAccountRow[]>`SELECT ${ACCOUNT_ROW_SELECT} ${ACCOUNT_ROW_FROM}
    WHERE a.id = ANY(${ids}::int[]) AND ${visibleAccountsSql(actor)}`;
  const byId = new Map(raw.map((r) => [r.id, toAccountRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Build the filename's date as YYYY-MM-DD (UTC). */
export function exportFileName(now = new Date()): string {
  return `tierwise-accounts-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * Every account the actor may see that matches the list query, as CSV, in the list's
 * exact order (all pages, not one). Batches are fetched as the consumer reads, so a
 * large export holds at most one batch in memory. The export is audited when it ends.
 */
export function streamAccountsCsv(actor: Actor, query: AccountQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const filter = serializeAccountQuery({ ...query, page: null, size: null }) || "(all accounts)";
  let ids: number[] | null = null;
  let offset = 0;
  let written = 0;
  let audited = false;
  // Set when the download is aborted, possibly while a pull awaits the database: the pull then
  // returns instead of enqueueing into a closed stream (an expected event, not an error to log).
  let cancelled = false;

  const audit = async (status: "complete" | "cancelled") => {
    if (audited) return;
    audited = true;
    await recordAudit({
      actor: { id: actor.id, email: actor.email ?? actor.id },
      action: "EXPORT",
      target: "accounts",
      details: { format: "csv", filter, rows: written, status },
    });
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (ids === null) {
          ids = await orderedIds(actor, query);
          if (cancelled) return;
          controller.enqueue(encoder.encode(CSV_BOM + csvRow(EXPORT_COLUMNS.map((c) => c.header))));
          return;
        }
        if (offset >= ids.length) {
          await audit("complete");
          if (cancelled) return;
          controller.close();
          return;
        }
        const batch = ids.slice(offset, offset + EXPORT_BATCH_SIZE);
        offset += batch.length;
        const rows = await rowsByIds(actor, batch);
        if (cancelled) return;
        written += rows.length;
        controller.enqueue(encoder.encode(rows.map((r) => csvRow(EXPORT_COLUMNS.map((c) => c.value(r)))).join("")));
      } catch (error) {
        logUnexpected("account export", error);
        controller.error(new Error("The export failed."));
      }
    },
    async cancel() {
      // The download was aborted: what was already sent is still recorded.
      cancelled = true;
      try {
        await audit("cancelled");
      } catch (error) {
        logUnexpected("auditing a cancelled export", error);
      }
    },
  }, { highWaterMark: 0 });
}
