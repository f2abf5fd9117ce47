import { describe, expect, test } from "vitest";
import { and, cond, mustParse, not, or } from "@/lib/segmentation/test-support";
import { formatShare, idealProfileCategories, whitespace, type PeerGroup } from "@/lib/plays/whitespace";

/** 14 Tier 1 Software accounts (the account included): most run CRM and marketing automation. */
const tier1Software: PeerGroup = {
  industry: "Software",
  tierName: "Tier 1",
  accounts: 14,
  withCategory: { CRM: 13, MARKETING_AUTOMATION: 10, ANALYTICS: 7, ERP: 6, CLOUD_PLATFORM: 14, SECURITY: 3 },
};

describe("whitespace: peers", () => {
  test("categories most peers have and the account lacks, highest share first, with the sentence", () => {
    const result = whitespace({ accountCategories: ["CRM", "CLOUD_PLATFORM", "CRM"], peers: tier1Software, profileCategories: [] });
    expect(result.peerNote).toBeNull();
    expect(result.peerGaps).toEqual([
      {
        category: "MARKETING_AUTOMATION",
        label: "Marketing automation",
        share: 10 / 14,
        peersWith: 10,
        peers: 14,
        sentence: "71% of Tier 1 Software accounts run marketing automation; this account does not",
      },
      {
        category: "ANALYTICS",
        label: "Analytics",
        share: 0.5,
        peersWith: 7,
        peers: 14,
        sentence: "50% of Tier 1 Software accounts run analytics; this account does not",
      },
    ]);
  });

  test("the threshold is inclusive at 50%; below it nothing is claimed (ERP 6/14, security 3/14)", () => {
    const categories = whitespace({ accountCategories: [], peers: tier1Software, profileCategories: [] }).peerGaps.map((gap) => gap.category);
    expect(categories).toEqual(["CLOUD_PLATFORM", "CRM", "MARKETING_AUTOMATION", "ANALYTICS"]);
  });

  test("categories the account has are never whitespace", () => {
    const all = ["CRM", "MARKETING_AUTOMATION", "ANALYTICS", "ERP", "CLOUD_PLATFORM", "SECURITY"];
    expect(whitespace({ accountCategories: all, peers: tier1Software, profileCategories: [] }).peerGaps).toEqual([]);
  });

  test("equal shares keep the schema's category order", () => {
    const peers: PeerGroup = { industry: "Retail", tierName: "Tier 2", accounts: 10, withCategory: { ECOMMERCE: 8, CRM: 8, ERP: 8 } };
    expect(whitespace({ accountCategories: [], peers, profileCategories: [] }).peerGaps.map((gap) => gap.category)).toEqual(["CRM", "ERP", "ECOMMERCE"]);
  });

  test("acronyms and brands keep their case in the sentence", () => {
    const peers: PeerGroup = { industry: "Media", tierName: "Strategic", accounts: 5, withCategory: { CRM: 4, DEVOPS: 3, ECOMMERCE: 3 } };
    expect(whitespace({ accountCategories: [], peers, profileCategories: [] }).peerGaps.map((gap) => gap.sentence)).toEqual([
      "80% of Strategic Media accounts run CRM; this account does not",
      "60% of Strategic Media accounts run e-commerce; this account does not",
      "60% of Strategic Media accounts run DevOps; this account does not",
    ]);
  });

  test("untiered accounts are compared with the untiered accounts of their industry", () => {
    const peers: PeerGroup = { industry: "Energy", tierName: null, accounts: 6, withCategory: { ERP: 5 } };
    expect(whitespace({ accountCategories: [], peers, profileCategories: [] }).peerGaps[0]?.sentence).toBe(
      "83% of Untiered Energy accounts run ERP; this account does not",
    );
  });

  test("too few peers: no peer whitespace is claimed, and the note says why", () => {
    const peers: PeerGroup = { industry: "Government", tierName: "Tier 1", accounts: 4, withCategory: { CRM: 4, ERP: 3 } };
    expect(whitespace({ accountCategories: [], peers, profileCategories: [] })).toEqual({
      peerGaps: [],
      peerNote: "Only 4 Tier 1 Government accounts: too few to compare with peers (at least 5 are needed)",
      profileGaps: [],
    });
    const alone: PeerGroup = { ...peers, accounts: 1, withCategory: {} };
    expect(whitespace({ accountCategories: [], peers: alone, profileCategories: [] }).peerNote).toBe(
      "Only 1 Tier 1 Government account: too few to compare with peers (at least 5 are needed)",
    );
  });

  test("the minimum group size and share can be tuned", () => {
    const peers: PeerGroup = { industry: "Government", tierName: "Tier 1", accounts: 4, withCategory: { CRM: 4, ERP: 1 } };
    const result = whitespace({ accountCategories: [], peers, profileCategories: [] }, { minPeers: 3, minShare: 0.25 });
    expect(result.peerGaps.map((gap) => [gap.category, gap.share])).toEqual([
      ["CRM", 1],
      ["ERP", 0.25],
    ]);
    expect(result.peerGaps[0]?.sentence).toBe("100% of Tier 1 Government accounts run CRM; this account does not");
  });

  test("inconsistent counts (more with a category than in the group) are capped at the group", () => {
    const peers: PeerGroup = { industry: "Retail", tierName: "Tier 3", accounts: 5, withCategory: { CRM: 9 } };
    expect(whitespace({ accountCategories: [], peers, profileCategories: [] }).peerGaps[0]).toMatchObject({ share: 1, peersWith: 5 });
  });
});

describe("whitespace: ideal customer profile", () => {
  test("profile categories the account lacks, in schema order, also when peers are too few", () => {
    const peers: PeerGroup = { industry: "Education", tierName: "Tier 2", accounts: 2, withCategory: {} };
    const result = whitespace({ accountCategories: ["CRM"], peers, profileCategories: ["SECURITY", "CRM", "MARKETING_AUTOMATION"] });
    expect(result.profileGaps).toEqual([
      {
        category: "MARKETING_AUTOMATION",
        label: "Marketing automation",
        sentence: "The ideal customer profile includes marketing automation; this account has none on record",
      },
      { category: "SECURITY", label: "Security", sentence: "The ideal customer profile includes security; this account has none on record" },
    ]);
  });

  test("unknown categories are ignored", () => {
    expect(whitespace({ accountCategories: [], peers: tier1Software, profileCategories: ["MAINFRAME"] }).profileGaps).toEqual([]);
  });
});

describe("idealProfileCategories", () => {
  test("the demo profile asks for CRM", () => {
    const profile = mustParse(
      and(cond("hostingPreference", "any_of", ["CLOUD", "HYBRID"]), cond("technologies", "in_category", ["CRM"]), cond("employeeCount", "gte", 200)),
    );
    expect(idealProfileCategories(profile)).toEqual(["CRM"]);
  });

  test("categories from nested groups, deduplicated, in schema order; negated groups excluded", () => {
    const profile = mustParse(
      and(
        or(cond("technologies", "in_category", ["MARKETING_AUTOMATION", "CRM"]), cond("orderCount", "gt", 1)),
        cond("technologies", "in_category", ["CRM"]),
        not(or(cond("technologies", "in_category", ["HARDWARE"]))),
        not(and(not(and(cond("technologies", "in_category", ["ANALYTICS"]))))),
      ),
    );
    expect(idealProfileCategories(profile)).toEqual(["CRM", "MARKETING_AUTOMATION", "ANALYTICS"]);
  });

  test("no profile, or one without technology categories", () => {
    expect(idealProfileCategories(null)).toEqual([]);
    expect(idealProfileCategories(mustParse(and(cond("technologies", "has_any", [1])))))
      .toEqual([]);
  });
});

describe("formatShare", () => {
  test.each([
    [10 / 14, "71%"],
    [0.5, "50%"],
    [0.995, "99%"],
    [1, "100%"],
    [0.004, "0%"],
  ])("%d -> %s", (share, expected) => {
    expect(formatShare(share)).toBe(expected);
  });
});
