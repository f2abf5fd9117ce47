import type { EngagementType } from "@/lib/generated/prisma/enums";
import type { Db } from "./client";
import { LONG_TRANSACTION } from "./transaction";

/**
 * Derived account metrics, kept in columns so rules filter and sort on indexes.
 *
 * Definitions, all "as of" a UTC calendar day `asOf`:
 * - lifetime_value, order_count, first_order_at, last_order_at: over all of the account's orders;
 *   avg_order_value = lifetime_value / order_count rounded to cents, 0 without orders.
 * - orders_12m: orders dated after (asOf - 12 months) and not after asOf.
 * - engagement_30d / engagement_90d: events on the 30 / 90 calendar days ending with asOf
 *   (day asOf - 29 ... asOf, resp. asOf - 89 ... asOf); later events are not counted.
 * - engagement_score: see ENGAGEMENT_WEIGHTS and ENGAGEMENT_HALF_LIFE_DAYS.
 */

/** Anything that runs a parameterised statement: a pg Pool / Client, or a Prisma client / transaction. */
export type SqlExecutor =
  | { query(text: string, values?: unknown[]): Promise<{ rowCount: number | null }> }
  | { $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number> };

/**
 * Engagement score = min(100, round(Σ weight(type) × 0.5^(daysAgo / 30))) over the events of the
 * last 90 days: a meeting today is worth 10 points, one a month ago 5, two months ago 2.5.
 * Weights reflect buying intent: a meeting or an attended event says far more than an opened e-mail.
 */
export const ENGAGEMENT_WEIGHTS: Readonly<Record<EngagementType, number>> = {
  MEETING: 10,
  EVENT: 8,
  WEBINAR: 6,
  EMAIL_CLICK: 3,
  WEB_VISIT: 1,
  EMAIL_OPEN: 1,
};
export const ENGAGEMENT_HALF_LIFE_DAYS = 30;
export const ENGAGEMENT_SCORE_CAP = 100;

const WEIGHT_SQL = `CASE e.type ${Object.entries(ENGAGEMENT_WEIGHTS)
  .map(([type, weight]) => `WHEN '${type}' THEN ${weight}`)
  .join(" ")} ELSE 0 END`;

export interface RecomputeOptions {
  /** Only these accounts; all accounts when omitted. */
  accountIds?: readonly number[];
  /** Only the accounts with ids from..to (inclusive): one chunk of the daily refresh. */
  idRange?: { from: number; to: number };
  /** Reference day (its UTC date is used); today when omitted. */
  asOf?: Date;
}

/**
 * The day an account's metrics (over alias `alias` of accounts) are as of: the later of the day
 * its row was last written and the last full refresh's day (metrics_refresh). NULL when neither.
 */
export function metricsAsOfSql(alias: string): string {
  return `GREATEST(${alias}.metrics_as_of, (SELECT day FROM metrics_refresh))`;
}

/** Days from the last order to the day the metrics are as of (rules count to their evaluation day instead). */
export function daysSinceLastOrderSql(alias: string): string {
  return `CASE WHEN ${alias}.last_order_at IS NOT NULL
    THEN GREATEST(COALESCE(${metricsAsOfSql(alias)}, (now() AT TIME ZONE 'UTC')::date) - ${alias}.last_order_at, 0) END`;
}

/**
 * Recompute the derived metrics in one set-based UPDATE that joins one aggregate per source
 * (orders, engagement events). Rows whose values would not change are not rewritten: for the
 * given accounts, a row whose metrics_as_of is another day is (the import tells current rows by
 * it); over all accounts or a range of ids (the daily refresh) only rows whose metric values
 * change, since the calendar alone moves few of them (at 1,000,000 accounts one day moved 232,357
 * and the day stamp alone had rewritten every row); a recompute over all accounts then records
 * its day in metrics_refresh, and every account's metrics are as of it (metricsAsOfSql).
 * Returns the number of accounts updated.
 */
export async function recomputeAccountMetrics(executor: SqlExecutor, options: RecomputeOptions = {}): Promise<number> {
  const asOf = isoDay(options.asOf ?? new Date());
  const ids = options.accountIds;
  const range = options.idRange;
  if (ids) {
    if (ids.length === 0) return 0;
    if (!ids.every(Number.isSafeInteger)) throw new Error("recomputeAccountMetrics: account ids must be integers");
  }
  if (range && !(Number.isSafeInteger(range.from) && Number.isSafeInteger(range.to))) throw new Error("recomputeAccountMetrics: an id range must be integers");
  // The filter is only added when scoped, so a full recompute gets a plain hash-join plan. A range
  // (a chunk of the daily refresh) also narrows the updated table: else each chunk's plan hashed
  // its 50,000 rows and scanned all 1,000,000 accounts to find them (0.44 s of the chunk's 2.2 s).
  const only = (column: string) => (ids ? `AND ${column} = ANY($2::int[])` : range ? `AND ${column} BETWEEN $2::int AND $3::int` : "");
  const sql = `
    UPDATE accounts AS a SET
      lifetime_value = m.lifetime_value,
      order_count = m.order_count,
      avg_order_value = m.avg_order_value,
      orders_12m = m.orders_12m,
      first_order_at = m.first_order_at,
      last_order_at = m.last_order_at,
      engagement_30d = m.engagement_30d,
      engagement_90d = m.engagement_90d,
      engagement_score = m.engagement_score,
      metrics_as_of = $1::date
    FROM (
${accountMetricsSql("$1::date", { only })}
    ) AS m
    WHERE a.id = m.id ${range ? only("a.id") : ""}
      AND (a.lifetime_value, a.order_count, a.avg_order_value, a.orders_12m, a.first_order_at, a.last_order_at,
           a.engagement_30d, a.engagement_90d, a.engagement_score${ids ? ", a.metrics_as_of" : ""})
        IS DISTINCT FROM
          (m.lifetime_value, m.order_count, m.avg_order_value, m.orders_12m, m.first_order_at, m.last_order_at,
           m.engagement_30d, m.engagement_90d, m.engagement_score${ids ? ", $1::date" : ""})`;
  const written = await execute(executor, sql, ids ? [asOf, [...ids]] : range ? [asOf, range.from, range.to] : [asOf]);
  if (!ids && !range) await storeRefreshDay(executor, asOf);
  return written;
}

/** Every account's metrics are now as of `day` (metricsAsOfSql). */
async function storeRefreshDay(executor: SqlExecutor, day: string): Promise<void> {
  await execute(
    executor,
    `INSERT INTO metrics_refresh (id, day, at) VALUES (1, $1::date, now())
     ON CONFLICT (id) DO UPDATE SET day = EXCLUDED.day, at = EXCLUDED.at`,
    [day],
  );
}

/** The metric columns accountMetricsSql computes (besides id), named like their accounts columns. */
export const ACCOUNT_METRIC_COLUMNS = [
  "lifetime_value", "order_count", "avg_order_value", "orders_12m", "first_order_at", "last_order_at",
  "engagement_30d", "engagement_90d", "engagement_score",
] as const;

/**
 * The metric definitions above as one SELECT of `(id, ACCOUNT_METRIC_COLUMNS...)` per account, as
 * of the SQL date expression `asOf`. `only` scopes it to some accounts; `ordersUpToAsOf` leaves out
 * orders dated after asOf (the backtest's "as of a past date"; the stored columns count every order);
 * `accountColumns` adds other accounts columns and `accountsWhere` filters accounts (the backtest's
 * accounts as of a day, in the same scan).
 */
export function accountMetricsSql(
  asOf: string,
  options: { only?: (column: string) => string; ordersUpToAsOf?: boolean; accountColumns?: readonly string[]; accountsWhere?: string } = {},
): string {
  const only = options.only ?? (() => "");
  const upTo = options.ordersUpToAsOf ? `AND ordered_at <= ${asOf}` : "";
  const extra = (options.accountColumns ?? []).map((column) => `acc."${column}", `).join("");
  const where = options.accountsWhere ? `AND ${options.accountsWhere}` : "";
  const columns = { ...orderColumns(), ...eventColumns() };
  return `      SELECT ${extra}acc.id,
        ${Object.entries(columns).map(([column, value]) => `${value} AS ${column}`).join(",\n        ")}
      FROM accounts acc
      LEFT JOIN (
${ordersAggregateSql(asOf, `${upTo} ${only("account_id")}`)}
      ) o ON o.account_id = acc.id
      LEFT JOIN (
${eventsAggregateSql(asOf, only("e.account_id"))}
      ) e ON e.account_id = acc.id
      WHERE true ${where} ${only("acc.id")}`;
}

/** The order-derived columns from the aggregate `o` (ordersAggregateSql), by column. */
function orderColumns(): Record<string, string> {
  return {
    lifetime_value: "COALESCE(o.total, 0)",
    order_count: "COALESCE(o.n, 0)::int",
    avg_order_value: "COALESCE(round(o.total / o.n, 2), 0)",
    orders_12m: "COALESCE(o.n_12m, 0)::int",
    first_order_at: "o.first_at",
    last_order_at: "o.last_at",
  };
}

/** The event-derived columns from the aggregate `e` (eventsAggregateSql), by column. */
function eventColumns(): Record<string, string> {
  return {
    engagement_30d: "COALESCE(e.n_30d, 0)::int",
    engagement_90d: "COALESCE(e.n_90d, 0)::int",
    engagement_score: "COALESCE(e.score, 0)",
  };
}

/**
 * Per account with orders: total, count, count in the 12 months to asOf, first and last order day;
 * over `orders`, or another relation with its account_id, amount and ordered_at.
 */
function ordersAggregateSql(asOf: string, filter: string, from = "orders"): string {
  return `        SELECT account_id,
          sum(amount) AS total,
          count(*) AS n,
          count(*) FILTER (WHERE ordered_at > (${asOf} - interval '12 months')::date AND ordered_at <= ${asOf}) AS n_12m,
          min(ordered_at) AS first_at,
          max(ordered_at) AS last_at
        FROM ${from}
        WHERE true ${filter}
        GROUP BY account_id`;
}

/** Per account with events in the 90 days to asOf: counts in 30 and 90 days, the decayed score. */
function eventsAggregateSql(asOf: string, filter: string): string {
  return `        SELECT e.account_id,
          count(*) FILTER (WHERE e.occurred_at >= ${asOf} - 29) AS n_30d,
          count(*) AS n_90d,
          LEAST(${ENGAGEMENT_SCORE_CAP}, round(sum(
            ${WEIGHT_SQL} * power(0.5::float8, (${asOf} - e.occurred_at::date) / ${ENGAGEMENT_HALF_LIFE_DAYS}::float8)
          )::numeric))::int AS score
        FROM engagement_events e
        WHERE e.occurred_at >= ${asOf} - 89 AND e.occurred_at < ${asOf} + 1 ${filter}
        GROUP BY e.account_id`;
}

/**
 * After a write of one source (an orders or an events import): the columns derived from that
 * source only, for the accounts `accountsSql` selects (a subquery of ids, e.g. a temp table) whose
 * metrics are already as of `asOf`: their other columns are current, so the other source is not
 * read (at 1,000,000 accounts an orders import skipped ~2 s of events). Accounts whose metrics are
 * not as of `asOf` need recomputeAccountMetrics. Rows whose values would not change are not
 * rewritten. Returns the number of accounts updated.
 */
export async function recomputeSourceMetrics(executor: SqlExecutor, options: { source: "orders" | "events"; accountsSql: string; asOf: Date }): Promise<number> {
  const asOf = "$1::date";
  const columns = options.source === "orders" ? orderColumns() : eventColumns();
  const alias = options.source === "orders" ? "o" : "e";
  // The touched ids as a semi-join the planner sees the size of, so it gets a hash-join plan and
  // writes rows in table order; their new values from the ids alone (joining `accounts` for them
  // too cost 100,000 index lookups, 0.28 s for an orders file at 100,000 accounts).
  const within = (column: string) => `AND ${column} IN (SELECT c.id FROM (${options.accountsSql}) AS c(id))`;
  const aggregate = options.source === "orders" ? ordersAggregateSql(asOf, within("account_id")) : eventsAggregateSql(asOf, within("e.account_id"));
  const names = Object.keys(columns);
  const sql = `
    UPDATE accounts AS a SET ${names.map((c) => `${c} = m.${c}`).join(", ")}
    FROM (
      SELECT c.id, ${Object.entries(columns).map(([column, value]) => `${value} AS ${column}`).join(", ")}
      FROM (SELECT DISTINCT id FROM (${options.accountsSql}) AS t(id)) AS c LEFT JOIN (
${aggregate}
      ) ${alias} ON ${alias}.account_id = c.id
    ) AS m
    WHERE a.id = m.id AND ${metricsAsOfSql("a")} = ${asOf}
      AND (${names.map((c) => `a.${c}`).join(", ")}) IS DISTINCT FROM (${names.map((c) => `m.${c}`).join(", ")})`;
  return execute(executor, sql, [isoDay(options.asOf)]);
}

/**
 * After orders were added to accounts and none of their existing orders changed: each account's
 * order columns take the new orders' totals on top of its own (sum and count add up, the first and
 * last day are the earlier and later, the 12-month count adds the new ones inside the window), for
 * the accounts whose metrics are as of `asOf`, where the stored columns are those of every order
 * already there. `ordersSql`: a SELECT of the added orders (account_id, ordered_at, amount).
 * Exactly what recomputeSourceMetrics gives, reading only the new orders. Returns the number of
 * accounts updated.
 */
export async function addOrderMetrics(executor: SqlExecutor, options: { ordersSql: string; asOf: Date }): Promise<number> {
  const sql = `
    UPDATE accounts AS a SET
      lifetime_value = a.lifetime_value + d.total,
      order_count = a.order_count + d.n,
      avg_order_value = round((a.lifetime_value + d.total) / (a.order_count + d.n), 2),
      orders_12m = a.orders_12m + d.n_12m,
      first_order_at = LEAST(a.first_order_at, d.first_at),
      last_order_at = GREATEST(a.last_order_at, d.last_at)
    FROM (
${ordersAggregateSql("$1::date", "", `(${options.ordersSql}) AS added`)}
    ) AS d
    WHERE a.id = d.account_id AND ${metricsAsOfSql("a")} = $1::date`;
  return execute(executor, sql, [isoDay(options.asOf)]);
}

/** Arbitrary constant naming the "daily metrics refresh" advisory lock. */
export const METRICS_REFRESH_LOCK_KEY = 727_001;

/**
 * Accounts per transaction of the daily refresh. In one transaction at 1,000,000 accounts it held
 * the row lock of every account it rewrote (then all of them) for 85-89 s, so an API write or an
 * import touching any of them waited that long. Per chunk of ids the locks last a few seconds.
 */
export const REFRESH_CHUNK = 50_000;

/**
 * Time-relative metrics (12-month orders, 30/90-day windows, decayed score) go stale at
 * midnight even when no data changes: recompute everything when the last refresh was before
 * today (metrics_refresh). Safe to call from every app instance: a transaction-scoped advisory lock lets one
 * instance do the work while the others skip (they see fresh metrics once it commits).
 * The work is committed in chunks of account ids (REFRESH_CHUNK), each on a connection of its own
 * while the lock's transaction waits: one account's metrics never depend on another's, so a
 * chunk is complete on its own, and a refresh stopped half-way is finished by the next one (the
 * done chunks' rows then have nothing left to change and are not written again).
 * Returns true when this call recomputed.
 */
export async function refreshMetricsIfStale(db: Db, options: { asOf?: Date; chunk?: number } = {}): Promise<boolean> {
  const asOf = isoDay(options.asOf ?? new Date());
  const chunk = options.chunk ?? REFRESH_CHUNK;
  return db.$transaction(
    async (lockTx) => {
      const [lock] = await lockTx.$queryRawUnsafe<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(${METRICS_REFRESH_LOCK_KEY}) AS locked`,
      );
      if (!lock?.locked) return false;
      if (await metricsAreCurrent(lockTx, options.asOf)) return false;
      const [ids] = await lockTx.$queryRawUnsafe<{ first: number | null; last: number | null }[]>(
        `SELECT min(id) AS first, max(id) AS last FROM accounts`,
      );
      const day = new Date(`${asOf}T00:00:00Z`);
      // Accounts created meanwhile have ids above `last`; they are written with their metrics.
      for (let from = ids?.first ?? 1; ids?.last != null && from <= ids.last; from += chunk) {
        const to = Math.min(from + chunk - 1, ids.last);
        await db.$transaction((tx) => recomputeAccountMetrics(tx, { asOf: day, idRange: { from, to } }), LONG_TRANSACTION);
      }
      // Committed with the lock's transaction: a refresh stopped half-way is done again in full.
      await storeRefreshDay(lockTx, asOf);
      return true;
    },
    // A full recompute of a large database takes well beyond Prisma's 5 s default.
    LONG_TRANSACTION,
  );
}

/** Whether the time-based metrics were refreshed for the day of `asOf` (default today). */
export async function metricsAreCurrent(db: Pick<Db, "$queryRawUnsafe">, asOf: Date = new Date()): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ current: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM metrics_refresh WHERE day >= $1::date) AS current`,
    isoDay(asOf),
  );
  return row?.current === true;
}

async function execute(executor: SqlExecutor, sql: string, values: unknown[]): Promise<number> {
  if ("$executeRawUnsafe" in executor) return executor.$executeRawUnsafe(sql, ...values);
  const result = await executor.query(sql, values);
  return result.rowCount ?? 0;
}

/** `YYYY-MM-DD` of the instant's UTC day. */
function isoDay(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new Error("recomputeAccountMetrics: invalid asOf date");
  return instant.toISOString().slice(0, 10);
}
