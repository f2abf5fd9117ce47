/**
 * A straightforward reference for what an import does to the database, for the tests that check
 * the bulk path (lib/import/stage/, one set-based statement per step) against it: the same file,
 * parsed by the same row conversion, written ONE ROW AT A TIME with plain statements (look the row
 * up, insert it or update what differs), then the derived metrics of every account, and the same
 * membership recompute as the import for the accounts whose data changed. It runs in a transaction
 * that is rolled back, after reading a snapshot of the result (see importSnapshot).
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { db } from "@/lib/db/client";
import { recomputeAccounts, recomputeAll } from "@/lib/db/membership/recompute-all";
import { recomputeAccountMetrics } from "@/lib/db/metrics";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { isBlankRecord, readCsvRecords } from "@/lib/import/csv-reader";
import { headerNames } from "@/lib/import/headers";
import type { ColumnMapping, ImportKind } from "@/lib/import/kinds";
import { loadLookups } from "@/lib/import/lookups";
import { INCREMENTAL_IMPORT_ACCOUNTS } from "@/lib/import/run";
import { convertRow, newRowContext, type AccountRow, type ImportRow, type OrderRow, type TechnologyRow } from "@/lib/import/rows";
import { importSnapshot, type ImportSnapshot } from "./import-snapshot";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export interface ReferenceResult {
  snapshot: ImportSnapshot;
  created: number;
  updated: number;
  /** Lines of rows that could not be imported (the row conversion's and the database checks'). */
  errorLines: number[];
  /** Existing accounts whose tier changed. */
  tierChanges: number;
}

class Rollback extends Error {
  constructor(readonly result: ReferenceResult) {
    super("reference rolled back");
  }
}

/** What importing `content` as `kind` with `mapping` gives, computed row by row, never kept. */
export async function referenceImport(kind: ImportKind, fileName: string, content: string, mapping: ColumnMapping): Promise<ReferenceResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tierwise-import-reference-"));
  const file = path.join(dir, fileName);
  await fs.writeFile(file, content);
  const asOf = new Date();
  const today = asOf.toISOString().slice(0, 10);
  try {
    const lookups = await loadLookups();
    const rows: ImportRow[] = [];
    const errorLines = new Set<number>();
    let ctx: ReturnType<typeof newRowContext> | null = null;
    let width = 0;
    for await (const batch of readCsvRecords(file)) {
      for (const record of batch) {
        if (!ctx) {
          ctx = newRowContext(kind, mapping, headerNames(record.cells), lookups);
          width = record.cells.length;
          continue;
        }
        if (isBlankRecord(record.cells)) continue;
        const tooWide = record.cells.slice(width).some((cell) => cell.trim() !== "");
        const converted = record.problem || tooWide ? null : convertRow(ctx, record.line, record.cells);
        if (converted?.row) rows.push(converted.row);
        else errorLines.add(record.line);
      }
    }
    return await db.$transaction(async (tx) => {
      const tiersBefore = new Map(
        (await tx.$queryRawUnsafe<{ account_id: number; tier_id: number | null }[]>("SELECT account_id, tier_id FROM account_segmentation")).map((r) => [r.account_id, r.tier_id]),
      );
      const counts = { created: 0, updated: 0 };
      const touched = new Map<number, boolean>();
      const touch = (id: number, created: boolean) => touched.set(id, touched.get(id) ?? created);
      for (const row of rows) {
        const outcome =
          kind === "accounts" ? await writeAccount(tx, row as AccountRow)
          : kind === "orders" ? await writeOrder(tx, row as OrderRow)
          : kind === "technologies" ? await writeTechnology(tx, row as TechnologyRow, today)
          : (() => { throw new Error(`no reference for ${kind}`); })();
        if (outcome === "error") errorLines.add(row.line);
        else if (outcome) {
          counts[outcome.created ? "created" : "updated"] += 1;
          touch(outcome.accountId, kind === "accounts" && outcome.created);
        }
      }
      // Every account's metrics (the whole-table path), then memberships like the import.
      await recomputeAccountMetrics(tx, { asOf });
      const ids = [...touched.keys()].sort((a, b) => a - b);
      const because = { reason: "IMPORT", detail: `Import of ${fileName}` } as const;
      if (ids.length > 0) {
        if (ids.length <= INCREMENTAL_IMPORT_ACCOUNTS) await recomputeAccounts(tx, [{ because, accountIds: ids }], { asOf });
        else await recomputeAll(tx, because, { accountIds: ids, asOf });
      }
      const tiersAfter = await tx.$queryRawUnsafe<{ account_id: number; tier_id: number | null }[]>("SELECT account_id, tier_id FROM account_segmentation");
      const tierChanges = tiersAfter.filter((r) => touched.get(r.account_id) === false && tiersBefore.get(r.account_id) !== r.tier_id).length;
      throw new Rollback({ snapshot: await importSnapshot(tx), ...counts, errorLines: [...errorLines].sort((a, b) => a - b), tierChanges });
    }, LONG_TRANSACTION);
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

type Outcome = { accountId: number; created: boolean } | null | "error";

const ACCOUNT_COLUMNS: readonly [keyof AccountRow, string, string, string | null][] = [
  // [row field, column, SQL type, default for a new account]
  ["name", "name", "text", null],
  ["industry", "industry", "text", null],
  ["country", "country", "text", null],
  ["region", "region", `"Region"`, null],
  ["employeeCount", "employee_count", "int", "0"],
  ["annualRevenue", "annual_revenue", "numeric", "0"],
  ["ownerId", "owner_id", "text", null],
  ["potential", "potential", "numeric", "0"],
  ["loyaltyStatus", "loyalty_status", `"LoyaltyStatus"`, "'NEW'"],
  ["usageRate", "usage_rate", `"UsageRate"`, "'NONE'"],
  ["journeyStage", "journey_stage", `"JourneyStage"`, "'AWARENESS'"],
  ["benefitsSought", "benefits_sought", "text[]", "'{}'"],
  ["hostingPreference", "hosting_preference", `"HostingPreference"`, "'CLOUD'"],
  ["devicePreference", "device_preference", `"DevicePreference"`, "'MIXED'"],
  ["techAdoption", "tech_adoption", `"TechAdoption"`, "'EARLY_MAJORITY'"],
];

/** One accounts row: blank cells keep the account's values; a new account needs name, industry, country, region. */
async function writeAccount(tx: Tx, row: AccountRow): Promise<Outcome> {
  const values = ACCOUNT_COLUMNS.map(([field]) => row[field] ?? null);
  const params = ACCOUNT_COLUMNS.map(([, , type], i) => `$${i + 2}::${type}`);
  const [existing] = await tx.$queryRawUnsafe<{ id: number }[]>("SELECT id FROM accounts WHERE domain = $1", row.domain);
  if (existing) {
    const merged = ACCOUNT_COLUMNS.map(([, column], i) => `COALESCE(${params[i]}, ${column})`);
    const changed = await tx.$queryRawUnsafe<{ id: number }[]>(
      `UPDATE accounts SET ${ACCOUNT_COLUMNS.map(([, column], i) => `${column} = ${merged[i]}`).join(", ")}, updated_at = now()
       WHERE domain = $1 AND (${ACCOUNT_COLUMNS.map(([, column]) => column).join(", ")}) IS DISTINCT FROM (${merged.join(", ")})
       RETURNING id`,
      row.domain,
      ...values,
    );
    return changed[0] ? { accountId: changed[0].id, created: false } : null;
  }
  if (row.name === null || row.industry === null || row.country === null || row.region === null) return "error";
  const [created] = await tx.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO accounts (domain, ${ACCOUNT_COLUMNS.map(([, column]) => column).join(", ")})
     VALUES ($1, ${ACCOUNT_COLUMNS.map(([, , , fallback], i) => (fallback ? `COALESCE(${params[i]}, ${fallback})` : params[i])).join(", ")})
     RETURNING id`,
    row.domain,
    ...values,
  );
  return { accountId: created!.id, created: true };
}

async function accountOf(tx: Tx, domain: string): Promise<number | null> {
  const [account] = await tx.$queryRawUnsafe<{ id: number }[]>("SELECT id FROM accounts WHERE domain = $1", domain);
  return account?.id ?? null;
}

/** One order, by (account, external id): a blank product line keeps the order's, a new order gets "Unspecified". */
async function writeOrder(tx: Tx, row: OrderRow): Promise<Outcome> {
  const accountId = await accountOf(tx, row.domain);
  if (accountId === null) return "error";
  const [existing] = await tx.$queryRawUnsafe<{ id: number }[]>("SELECT id FROM orders WHERE account_id = $1 AND external_id = $2", accountId, row.externalId);
  if (existing) {
    const changed = await tx.$executeRawUnsafe(
      `UPDATE orders SET ordered_at = $2::date, amount = $3::numeric, product_line = COALESCE($4::text, product_line)
       WHERE id = $1 AND (ordered_at, amount, product_line) IS DISTINCT FROM ($2::date, $3::numeric(14,2), COALESCE($4::text, product_line))`,
      existing.id,
      row.orderedAt,
      row.amount,
      row.productLine,
    );
    return changed ? { accountId, created: false } : null;
  }
  await tx.$executeRawUnsafe(
    "INSERT INTO orders (account_id, external_id, ordered_at, amount, product_line) VALUES ($1, $2, $3::date, $4::numeric, COALESCE($5::text, 'Unspecified'))",
    accountId,
    row.externalId,
    row.orderedAt,
    row.amount,
    row.productLine,
  );
  return { accountId, created: true };
}

/** One detection: blank cells keep the current values; a new one was last seen today (or when first seen, if later), first seen when last seen, confidence 1. */
async function writeTechnology(tx: Tx, row: TechnologyRow, today: string): Promise<Outcome> {
  const accountId = await accountOf(tx, row.domain);
  if (accountId === null) return "error";
  const [existing] = await tx.$queryRawUnsafe<{ first: string; last: string; confidence: number }[]>(
    "SELECT first_detected_at::text AS first, last_detected_at::text AS last, confidence FROM account_technologies WHERE account_id = $1 AND technology_id = $2",
    accountId,
    row.technologyId,
  );
  let last = row.lastDetectedAt ?? existing?.last ?? (row.firstDetectedAt && row.firstDetectedAt > today ? row.firstDetectedAt : today);
  const first = row.firstDetectedAt ?? existing?.first ?? last;
  const confidence = row.confidence ?? existing?.confidence ?? 1;
  last = String(last);
  if (first > last) return "error";
  if (existing) {
    if (existing.first === first && existing.last === last && existing.confidence === confidence) return null;
    await tx.$executeRawUnsafe(
      "UPDATE account_technologies SET first_detected_at = $3::date, last_detected_at = $4::date, confidence = $5 WHERE account_id = $1 AND technology_id = $2",
      accountId,
      row.technologyId,
      first,
      last,
      confidence,
    );
    return { accountId, created: false };
  }
  await tx.$executeRawUnsafe(
    "INSERT INTO account_technologies (account_id, technology_id, first_detected_at, last_detected_at, confidence) VALUES ($1, $2, $3::date, $4::date, $5)",
    accountId,
    row.technologyId,
    first,
    last,
    confidence,
  );
  return { accountId, created: true };
}
