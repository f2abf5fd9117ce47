import type { MatrixFilter } from "@/lib/data/matrix";
import { serializeAccountQuery } from "@/lib/validation/account-query";

/** The accounts list filtered to a matrix row, column or cell. */
export function accountsHref(filter: MatrixFilter): string {
  return `/accounts${serializeAccountQuery(filter)}`;
}
