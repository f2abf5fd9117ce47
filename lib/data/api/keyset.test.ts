import { describe, expect, test } from "vitest";
import { accountOrderSql } from "@/lib/data/account-filters";
import { ACCOUNT_SORTS } from "@/lib/validation/account-query";
import { acceptsValues, accountSortKeys, orderSql } from "./keyset";

describe("account sort keys", () => {
  test.each(ACCOUNT_SORTS.flatMap((sort) => ([null, "asc", "desc"] as const).map((dir) => [sort, dir] as const)))(
    "sort %s %s orders as the accounts page does",
    (sort, dir) => {
      const page = accountOrderSql({ sort, dir }).sql.replace("owner_name", "u.name");
      expect(orderSql(accountSortKeys({ sort, dir })).sql).toBe(page);
    },
  );

  test("cursor values are checked against each key's type before they reach SQL", () => {
    const ltv = accountSortKeys({ sort: "ltv", dir: null });
    expect(acceptsValues(ltv, ["1250.50", "42"])).toBe(true);
    expect(acceptsValues(ltv, ["12a", "42"])).toBe(false);
    expect(acceptsValues(ltv, [null, "42"])).toBe(false);
    const lastOrder = accountSortKeys({ sort: "lastOrder", dir: null });
    expect(acceptsValues(lastOrder, [null, "7"])).toBe(true);
    expect(acceptsValues(lastOrder, ["2026-02-30", "7"])).toBe(false);
    const region = accountSortKeys({ sort: "region", dir: "asc" });
    expect(acceptsValues(region, ["EMEA", "7"])).toBe(true);
    expect(acceptsValues(region, ["MARS", "7"])).toBe(false);
    expect(acceptsValues(accountSortKeys({ sort: "priority", dir: null }), ["1", "71.25", "99999999999"])).toBe(false);
  });
});
