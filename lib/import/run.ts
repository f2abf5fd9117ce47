/**
 * Running an import, as a dry run or for real, through one code path: everything happens in one
 * transaction that a dry run rolls back at the end, so what a dry run reports (rows created and
 * updated, tier moves, segment entries and exits) is exactly what its commit does, and neither a
 * failure nor a killed process can leave part of a file behind.
 *
 *   read the file (streamed) -> convert and check each row -> stage valid rows in a temp table
 *   -> check against the database -> complete rows -> upsert
 *   -> recompute metrics, tiers and segments (a commit: also plays and scores) of the accounts that changed
 *   -> read the tier moves and segment changes from the ledger rows written -> dry run: ROLLBACK | commit: audit, COMMIT
 */
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/access";
import { buildAgain, dropSecondaryIndexes, REBUILD_SHARE, type BulkExecutor } from "@/lib/db/bulk-indexes";
import { db, transactionWriter } from "@/lib/db/client";
import { recomputeAccounts, recomputeAll, recomputeTiersAndSegments } from "@/lib/db/membership/recompute-all";
import { addOrderMetrics, metricsAsOfSql, recomputeAccountMetrics, recomputeSourceMetrics } from "@/lib/db/metrics";
import { LONG_TRANSACTION } from "@/lib/db/transaction";
import { batchStager } from "./batch-stager";
import { isBlankRecord, readCsvRecords } from "./csv-reader";
import { ImportFileError } from "./file-error";
import { headerNames } from "./headers";
import { ledgerPosition, NO_IMPACT, readImpact } from "./impact";
import type { RunMode, RunPhase, RunReport } from "./job";
import { buildOutcome } from "./run-outcome";
import type { ColumnMapping, ImportKind } from "./kinds";
import { loadLookups } from "./lookups";
import { convertRow, newRowContext, type ImportRow, type RowError } from "./rows";
import { STAGES } from "./stage";
import { createTouched, type SqlClient, type StageContext } from "./stage/types";

/** Arbitrary constant naming the "an import is writing" advisory lock: imports run one at a time. */
export const IMPORT_LOCK_KEY = 727_002;
/**
 * An import touching at most this many accounts recomputes them on the incremental path
 * (recomputeAccounts: their scores ranked against all accounts by two index scans) instead of
 * recomputeAll's set-based pass, whose score ranking sorts every account (~0.4 s at 100,000
 * accounts, ~5 s at 1,000,000) however small the file. The bound keeps the untouched accounts'
 * rank drift small until the next full recompute (hourly, lib/db/refresh.ts): at most 1,000 / (accounts - 1), i.e. 1% of the
 * value rank at 100,000 accounts, 0.1% at 1,000,000.
 */
export const INCREMENTAL_IMPORT_ACCOUNTS = 1_000;
/**
 * Drops the secondary indexes of `accounts` and `account_segmentation` (lib/db/bulk-indexes.ts)
 * when the file writes at least REBUILD_SHARE of the accounts: the rows an accounts file updates
 * or creates, the accounts whose metrics or technologies another file changes.
 *  - `accounts`: written one at a time, every row costs an entry in each of the table's 16
 *    secondary indexes (every metric column is indexed, so no metrics update is HOT): 90,000 of
 *    100,000 accounts' metrics took 4.7 s with them and 0.32 s without (docs/benchmarks.md,
 *    session 15).
 *  - `account_segmentation`: a new account's row arrives with it, and a file this large moves
 *    every account's value rank, so the commit rewrites nearly every score (priority_score is in
 *    the list's index, so none is HOT): ~98,000 scores at 100,000 accounts took 1.97 s with its four
 *    secondary indexes, 0.92 s without and 0.30 s to build them again (session 16).
 * Both tables then stay locked until the import ends: pages wait for a large import, its dry run
 * included (whose rollback restores the indexes).
 */
async function dropAccountIndexes(tx: SqlClient & BulkExecutor, kind: ImportKind, mode: RunMode, writtenSql: string): Promise<string[]> {
  const written = `SELECT count(*) FROM (${writtenSql}) w`;
  const [row] = await tx.$queryRawUnsafe<{ written: number; held: number }[]>(
    `SELECT (${written})::float8 AS written, GREATEST((SELECT reltuples FROM pg_class WHERE oid = 'accounts'::regclass), 0)::float8 AS held`,
  );
  // An accounts file's rows may all be new: the table then holds them too.
  const after = row!.held + (kind === "accounts" ? row!.written : 0);
  if (row!.written < REBUILD_SHARE * after) return [];
  // A dry run's rollback restores them, so it also drops account_search's two trigram indexes,
  // which the file's names go into (0.6 s of the apply at 100,000 accounts); building them again
  // would cost a commit more than that (0.9 s).
  const tables = ["accounts", "account_segmentation"];
  return dropSecondaryIndexes(tx, mode === "dryRun" ? [...tables, "account_search"] : tables);
}

/**
 * Rows per staging INSERT (one unnest statement per batch: few round trips, memory bounded by the
 * batch, not the file).
 */
const BATCH_ROWS = 10_000;
/** Errors kept in full; beyond this only counted (a file this broken needs fixing at the source). */
export const MAX_STORED_ERRORS = 100_000;

export interface RunInput {
  jobId: string;
  kind: ImportKind;
  fileName: string;
  path: string;
  mapping: ColumnMapping;
  mode: RunMode;
  actor: Actor & { email?: string };
  asOf?: Date;
  onProgress?: (progress: { phase: RunPhase; processed: number }) => Promise<void> | void;
}

export interface RunOutcome {
  report: RunReport;
  errors: RowError[];
  /** A commit that found bad rows wrote nothing. */
  refused: boolean;
}

/** Thrown inside the transaction to roll it back while carrying the result out. */
class Rollback extends Error {
  constructor(readonly outcome: RunOutcome) {
    super("import rolled back");
  }
}

export async function runImport(input: RunInput): Promise<RunOutcome> {
  const startedAt = new Date();
  const asOf = input.asOf ?? startedAt;
  const today = asOf.toISOString().slice(0, 10);
  const stage = STAGES[input.kind];
  const stageCtx: StageContext = { mapping: input.mapping, today };
  const lookups = await loadLookups();
  // Time spent per phase, for the report (and the benchmark).
  const phases: Partial<Record<RunPhase, number>> = {};
  let current: { phase: RunPhase; since: number } | null = null;
  const report = async (phase: RunPhase, processed: number) => {
    const now = performance.now();
    if (current?.phase !== phase) {
      if (current) phases[current.phase] = Math.round((phases[current.phase] ?? 0) + now - current.since);
      current = { phase, since: now };
    }
    await input.onProgress?.({ phase, processed });
  };
  // Milliseconds per step inside the phases, for the benchmark's profile.
  const steps: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      steps[step] = Math.round((steps[step] ?? 0) + performance.now() - started);
    }
  };
  const phaseTimes = () => {
    if (current) phases[current.phase] = Math.round((phases[current.phase] ?? 0) + performance.now() - current.since);
    current = null;
    return { ...phases };
  };

  try {
    return await db.$transaction(
      async (tx) => {
        await report("waiting", 0);
        await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})::text AS locked`);
        // A dry run rolls back, so the foreign keys its rows would be checked against at commit
        // never need checking (prisma/post-migrate.sql): the check step has already matched every
        // row to its account (and owner), a new account's derived rows come from the account
        // itself, and a commit checks them as it writes.
        if (input.mode === "dryRun") await tx.$executeRawUnsafe("SET CONSTRAINTS ALL DEFERRED");
        await report("reading", 0);
        await stage.create(tx);
        await createTouched(tx);

        // ---- Read, convert and stage, one batch at a time.
        const errors: RowError[] = [];
        let errorCount = 0;
        const addErrors = (found: readonly RowError[]) => {
          errorCount += found.length;
          for (const e of found) if (errors.length < MAX_STORED_ERRORS) errors.push(e);
        };
        let headers: string[] | null = null;
        let ctx: ReturnType<typeof newRowContext> | null = null;
        let rows = 0;
        let validRows = 0;
        const write = await transactionWriter(tx);
        const stager = batchStager<ImportRow>((batch) => timed("stage", () => stage.insert(write, batch)), BATCH_ROWS);
        for await (const batch of readCsvRecords(input.path)) {
          for (const record of batch) {
            if (!headers) {
              headers = headerNames(record.cells);
              ctx = newRowContext(input.kind, input.mapping, headers, lookups);
              continue;
            }
            if (isBlankRecord(record.cells)) continue;
            rows += 1;
            const rowProblems: RowError[] = [];
            if (record.problem) rowProblems.push({ line: record.line, column: null, value: null, reason: record.problem });
            const extra = record.cells.slice(headers.length);
            if (extra.some((cell) => cell.trim() !== "")) {
              rowProblems.push({
                line: record.line,
                column: null,
                value: null,
                reason: `has ${record.cells.length} values but the header has ${headers.length} columns (is a value with a comma not in quotes?)`,
              });
            }
            // A record CSV could not split properly has meaningless fields: report only that.
            const converted = record.problem ? null : convertRow(ctx!, record.line, record.cells);
            if (!converted || rowProblems.length || converted.errors.length) {
              addErrors([...rowProblems, ...(converted?.errors ?? [])]);
            } else if (converted.row) {
              stager.add(converted.row);
              validRows += 1;
            }
          }
          await stager.flushIfFull();
          await report("reading", rows);
        }
        await stager.finish();
        if (!headers) throw new ImportFileError("The file is empty: it has no header row.");
        // A temporary table has no statistics until analysed (autovacuum never sees it): without
        // them the planner guesses its size for every join below.
        await timed("stage", () => tx.$executeRawUnsafe("ANALYZE import_stage"));
        await report("checking", rows);

        // ---- Checks against the database, then what the file would change.
        const checkErrors = await timed("check", () => stage.check(tx, stageCtx));
        addErrors(checkErrors);
        validRows -= new Set(checkErrors.map((e) => e.line)).size;
        const refuse = () => {
          errors.sort((a, b) => a.line - b.line);
          return buildOutcome({ input, startedAt, rows, validRows: 0, errorCount, errors, counts: { created: 0, updated: 0 }, touched: 0, impact: NO_IMPACT, schemeVersion: null, refused: true, phases: phaseTimes(), steps });
        };
        if (input.mode === "commit" && errorCount > 0) throw new Rollback(refuse());

        await report("writing", rows);
        // The impact is read from the ledger rows written past this point (impact.ts).
        const ledgerFrom = await ledgerPosition(tx);
        const fillErrors = await timed("fill", () => stage.fill(tx, stageCtx));
        addErrors(fillErrors);
        validRows -= new Set(fillErrors.map((e) => e.line)).size;
        if (input.mode === "commit" && errorCount > 0) throw new Rollback(refuse());
        // A file that writes most accounts writes them without their secondary indexes.
        const dropped = await timed("indexes", () => dropAccountIndexes(tx, input.kind, input.mode, stage.writtenSql));
        const counts = await timed("apply", () => stage.apply(tx, stageCtx));
        await tx.$executeRawUnsafe("ANALYZE import_touched");

        const touched = (await tx.$queryRawUnsafe<{ account_id: number }[]>("SELECT account_id FROM import_touched ORDER BY account_id")).map(
          (r) => r.account_id,
        );
        let impact = NO_IMPACT;
        if (touched.length > 0) {
          await report("recomputing", rows);
          await timed("metrics", async () => {
            if (stage.metricsSource) await recomputeTouchedSourceMetrics(tx, stage.metricsSource, asOf);
            await recomputeAccountMetrics(tx, { accountIds: await notYetAsOf(tx, today), asOf });
          });
          const because = { reason: "IMPORT", detail: `Import of ${input.fileName}` } as const;
          // A dry run recomputes only what its impact reports (tiers and segments). A small commit
          // takes the live path (scores ranked for the touched accounts only); a large one the
          // set-based pass, which then costs less than per-account work.
          await timed("memberships", async () => {
            if (input.mode === "dryRun") await recomputeTiersAndSegments(tx, because, { accountIds: touched, asOf });
            else if (touched.length <= INCREMENTAL_IMPORT_ACCOUNTS) await recomputeAccounts(tx, [{ because, accountIds: touched }], { asOf });
            else await recomputeAll(tx, because, { accountIds: touched, asOf });
          });
          await report("comparing", rows);
          impact = await timed("impact", () => readImpact(tx, ledgerFrom));
        }
        // Built again last (no read after it could use them: bulk-indexes.ts); a dry run's
        // rollback restores them.
        if (input.mode === "commit") await timed("indexes", () => buildAgain(tx, dropped));
        const scheme = await tx.tierSchemeVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
        errors.sort((a, b) => a.line - b.line);
        const outcome = buildOutcome({
          input,
          startedAt,
          rows,
          validRows,
          errorCount,
          errors,
          counts,
          touched: touched.length,
          impact,
          schemeVersion: scheme?.version ?? null,
          refused: false,
          phases: phaseTimes(),
          steps,
        });
        if (input.mode === "dryRun") throw new Rollback(outcome);

        await report("finishing", rows);
        const r = outcome.report;
        await recordAudit(
          {
            actor: { id: input.actor.id, email: input.actor.email ?? "" },
            action: "IMPORT_COMMITTED",
            target: input.fileName,
            details: {
              jobId: input.jobId,
              kind: input.kind,
              file: input.fileName,
              rows: r.rows,
              created: r.created,
              updated: r.updated,
              unchanged: r.unchanged,
              accountsAffected: r.accountsAffected,
              tierChanges: r.impact.tierChanges,
            },
          },
          tx,
        );
        return outcome;
      },
      LONG_TRANSACTION,
    );
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
}

export { ImportFileError };

/**
 * The touched accounts' columns derived from the file's source (StageSpec.metricsSource), for
 * those whose metrics are as of the import's day. An account the file only added orders to gets
 * their totals added to its own (addOrderMetrics): only the file's orders are read, not every
 * order of every touched account (a 100,000-order file at 100,000 accounts aggregated 684,105).
 */
async function recomputeTouchedSourceMetrics(tx: SqlClient, source: "orders" | "events", asOf: Date): Promise<void> {
  const addsOrders = source === "orders";
  if (addsOrders) {
    await addOrderMetrics(tx, {
      ordersSql: "SELECT s.account_id, s.ordered_at, s.amount FROM import_stage s JOIN import_touched t ON t.account_id = s.account_id WHERE t.added_only",
      asOf,
    });
  }
  await recomputeSourceMetrics(tx, { source, accountsSql: `SELECT account_id FROM import_touched${addsOrders ? " WHERE NOT added_only" : ""}`, asOf });
}

/** Touched accounts whose derived metrics are not as of `day` (see StageSpec.metricsSource). */
async function notYetAsOf(tx: SqlClient, day: string): Promise<number[]> {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
    `SELECT a.id FROM import_touched t JOIN accounts a ON a.id = t.account_id
     WHERE ${metricsAsOfSql("a")} IS DISTINCT FROM $1::date ORDER BY a.id`,
    day,
  );
  return rows.map((r) => r.id);
}
