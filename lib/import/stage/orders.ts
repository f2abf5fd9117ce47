import type { OrderRow } from "../rows";
import { ownedByAccountStage } from "./owned-by-account";

/** What an order gets when the file has no product line. */
export const DEFAULT_PRODUCT_LINE = "Unspecified";

export const ordersStage = ownedByAccountStage<OrderRow>({
  table: "orders",
  key: "external_id",
  columns: ["ordered_at date NOT NULL", "amount numeric(14,2) NOT NULL", "product_line text", "external_id text NOT NULL"],
  values: (r) => [r.orderedAt, r.amount, r.productLine, r.externalId],
  metricsSource: "orders",

  /** A blank product line keeps the order's current one; a new order gets the default. */
  async fill(tx) {
    await tx.$executeRawUnsafe(
      `UPDATE import_stage s SET product_line = o.product_line FROM orders o
       WHERE s.product_line IS NULL AND o.account_id = s.account_id AND o.external_id = s.external_id`,
    );
    await tx.$executeRawUnsafe(`UPDATE import_stage SET product_line = $1 WHERE product_line IS NULL`, DEFAULT_PRODUCT_LINE);
    return [];
  },
});
