import { describe, expect, test } from "vitest";
import { TECH_CATEGORIES, techCategoryBit } from "@/lib/domain/tech-category-bits";
import type { TechCategory } from "@/lib/generated/prisma/enums";
import { changedGroups, movePeerCounts, peerCommon, type PeerCount } from "./peer-counts";

const CRM = TECH_CATEGORIES.indexOf("CRM" as TechCategory);
const ERP = TECH_CATEGORIES.indexOf("ERP" as TechCategory);
const counts = (industry: string, tier: number, accounts: number, crm: number, erp = 0): PeerCount => ({
  industry,
  tier_key: tier,
  accounts,
  with_category: TECH_CATEGORIES.map((_, i) => (i === CRM ? crm : i === ERP ? erp : 0)),
});
const bits = (...categories: string[]) => categories.reduce((mask, c) => mask | techCategoryBit(c as TechCategory), 0);

describe("peerCommon", () => {
  test("a category is common from half the group on, only in groups of at least five", () => {
    expect(peerCommon([counts("Software", 1, 10, 5, 4), counts("Retail", 1, 4, 4), counts("Media", 0, 6, 2)])).toEqual([
      { industry: "Software", tier_key: 1, mask: bits("CRM") },
    ]);
    expect(peerCommon([counts("Software", 1, 5, 3, 3)])).toEqual([{ industry: "Software", tier_key: 1, mask: bits("CRM", "ERP") }]);
  });
});

describe("movePeerCounts", () => {
  test("takes each moved account out of its old group and into its new one, with its categories", () => {
    const before = [counts("Software", 1, 10, 5, 1), counts("Software", 0, 3, 0)];
    const after = movePeerCounts(before, [
      { old_tier: 1, new_tier: null, industry: "Software", categories: bits("CRM", "ERP") },
      { old_tier: 1, new_tier: 2, industry: "Software", categories: 0 },
      { old_tier: 2, new_tier: 2, industry: "Software", categories: bits("CRM") },
    ]);
    expect(after).toEqual([counts("Software", 1, 8, 4), counts("Software", 0, 4, 1, 1), counts("Software", 2, 1, 0)]);
    expect(before[0]).toEqual(counts("Software", 1, 10, 5, 1));
  });

  test("drops emptied groups and refuses a move without the account's industry", () => {
    expect(movePeerCounts([counts("Software", 1, 1, 1)], [{ old_tier: 1, new_tier: null, industry: "Software", categories: bits("CRM") }])).toEqual([
      counts("Software", 0, 1, 1),
    ]);
    expect(() => movePeerCounts([], [{ old_tier: 1, new_tier: null }])).toThrow();
  });
});

describe("changedGroups", () => {
  test("groups whose mask differs, appears or disappears, with the categories that flipped", () => {
    const before = [
      { industry: "Software", tier_key: 1, mask: 1 },
      { industry: "Retail", tier_key: 1, mask: 6 },
      { industry: "Media", tier_key: 0, mask: 4 },
      { industry: "Mining", tier_key: 3, mask: 0 },
    ];
    const after = [
      { industry: "Software", tier_key: 1, mask: 1 },
      { industry: "Retail", tier_key: 1, mask: 3 },
      { industry: "Energy", tier_key: 2, mask: 1 },
      { industry: "Farming", tier_key: 2, mask: 0 },
    ];
    expect(changedGroups(before, after)).toEqual([
      { industry: "Retail", tier_key: 1, flipped: 5 },
      { industry: "Energy", tier_key: 2, flipped: 1 },
      { industry: "Media", tier_key: 0, flipped: 4 },
    ]);
  });
});
