import { describe, expect, test } from "vitest";
import type { AccountRow } from "@/lib/data/accounts";
import { isRowField } from "./list-columns";
import { tableColumns, toTableRow } from "./table-row";

const row: AccountRow = {
  id: 7,
  name: "Acme",
  domain: "acme.test",
  industry: "SOFTWARE",
  region: "EMEA",
  country: "DE",
  employeeCount: 120,
  lifetimeValue: 5000,
  orderCount: 12,
  avgOrderValue: 416.5,
  orders12m: 3,
  lastOrderAt: new Date("2026-11-09T00:00:00Z"),
  engagementScore: 65,
  journeyStage: "ADVOCACY",
  loyaltyStatus: "ADVOCATE",
  usageRate: "HIGH",
  hostingPreference: "CLOUD",
  techAdoption: "EARLY",
  priorityScore: 92.6,
  tier: { key: "strategic", name: "Tier 1 · Strategic", color: "#4f46e5" },
  owner: { id: "u1", name: "Rep One" },
};

describe("an accounts table row", () => {
  test("carries every field a table column shows, with the row's values", () => {
    const picked = toTableRow(row, true);
    for (const column of tableColumns(true)) {
      if (isRowField(column.field)) expect(picked[column.field]).toEqual(row[column.field]);
    }
    expect(picked).toMatchObject({ id: 7, name: "Acme", domain: "acme.test", priorityScore: 92.6, tier: { name: "Tier 1 · Strategic", color: "#4f46e5" }, owner: "Rep One" });
  });

  test("leaves out the export's other fields, and the owner for users who do not see the owner column", () => {
    const picked = toTableRow(row, false);
    expect(picked).not.toHaveProperty("country");
    expect(picked).not.toHaveProperty("employeeCount");
    expect(picked).not.toHaveProperty("owner");
    expect(tableColumns(false).map((c) => c.key)).not.toContain("owner");
  });

  test("an unassigned account's owner and an untiered account's tier are null", () => {
    expect(toTableRow({ ...row, owner: null, tier: null }, true)).toMatchObject({ owner: null, tier: null });
  });
});
