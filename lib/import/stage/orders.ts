import type { OrderRow } from "../rows";
import { countTouched, resolveAccounts, type StageSpec } from "./types";

/** What an order gets when the file has no product line. */
export const DEFAULT_PRODUCT_LINE = "Unspecified";

export const ordersStage: StageSpec<OrderRow> = {
  async create(tx) {
    await tx.$executeRawUnsafe(`CREATE TEMP TABLE import_stage (
      line int PRIMARY KEY, domain text NOT NULL, account_id int,
      ordered_at date NOT NULL, amount numeric(14,2) NOT NULL, product_line text, external_id text NOT NULL
    ) ON COMMIT DROP`);
  },

  async insert(tx, rows) {
    if (rows.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO import_stage (line, domain, ordered_at, amount, product_line, external_id)
       SELECT * FROM unnest($1::int[], $2::text[], $3::date[], $4::numeric[], $5::text[], $6::text[])`,
      rows.map((r) => r.line),
      rows.map((r) => r.domain),
      rows.map((r) => r.orderedAt),
      rows.map((r) => r.amount),
      rows.map((r) => r.productLine),
      rows.map((r) => r.externalId),
    );
  },

  async check(tx, ctx) {
    const errors = await resolveAccounts(tx, ctx);
    if (errors.length) await tx.$executeRawUnsafe("DELETE FROM import_stage WHERE account_id IS NULL");
    return errors;
  },

  candidatesSql: "SELECT DISTINCT account_id FROM import_stage",

  /** A blank product line keeps the order's current one; a new order gets the default. */
  async fill(tx) {
    await tx.$executeRawUnsafe(
      `UPDATE import_stage s SET product_line = o.product_line FROM orders o
       WHERE s.product_line IS NULL AND o.account_id = s.account_id AND o.external_id = s.external_id`,
    );
    await tx.$executeRawUnsafe(`UPDATE import_stage SET product_line = $1 WHERE product_line IS NULL`, DEFAULT_PRODUCT_LINE);
    return [];
  },

  async apply(tx) {
    return countTouched(
      tx,
      `WITH up AS (
         INSERT INTO orders AS o (account_id, ordered_at, amount, product_line, external_id)
         SELECT account_id, ordered_at, amount, product_line, external_id FROM import_stage ORDER BY line
         ON CONFLICT (account_id, external_id) DO UPDATE
           SET ordered_at = EXCLUDED.ordered_at, amount = EXCLUDED.amount, product_line = EXCLUDED.product_line
         WHERE (o.ordered_at, o.amount, o.product_line) IS DISTINCT FROM (EXCLUDED.ordered_at, EXCLUDED.amount, EXCLUDED.product_line)
         RETURNING o.account_id, (o.xmax = 0) AS created
       ), touched AS (
         INSERT INTO import_touched (account_id, created) SELECT DISTINCT account_id, false FROM up ON CONFLICT DO NOTHING
       )
       SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM up`,
    );
  },
};
