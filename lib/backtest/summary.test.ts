import { describe, expect, test } from "vitest";
import { formatLift, outcomes, segmentVerdict, tierVerdict, type GroupOutcome } from "./summary";

const group = (key: string, accounts: number, revenue: number, ordered = 0, silent = 0) => ({
  key,
  name: key === "untiered" ? "Untiered" : `Tier ${key}`,
  color: "#000000",
  counts: { accounts, revenue, ordered, silent },
});

describe("outcomes", () => {
  test("shares, revenue per account and lift against the average of all groups", () => {
    const [one, two, none] = outcomes([group("1", 10, 60_000, 8, 1), group("2", 30, 30_000, 12, 10), group("untiered", 60, 10_000, 6, 20)]) as GroupOutcome[];
    // 100,000 over 100 accounts: the average account bought 1,000.
    expect(one).toMatchObject({ share: 0.1, revenuePerAccount: 6_000, orderedShare: 0.8, silentShare: 0.1, lift: 6 });
    expect(two?.lift).toBe(1);
    expect(none?.lift).toBeCloseTo(10_000 / 60 / 1_000, 10);
  });

  test("an empty group and a horizon without orders have no lift", () => {
    const [empty, full] = outcomes([group("1", 0, 0), group("2", 5, 0)]) as GroupOutcome[];
    expect(empty).toMatchObject({ accounts: 0, share: 0, revenuePerAccount: 0, lift: null });
    expect(full?.lift).toBeNull();
  });
});

describe("verdicts", () => {
  const draft = outcomes([group("1", 10, 62_000), group("untiered", 90, 38_000)]);
  test("the draft's top tier, against the published one's", () => {
    const published = outcomes([group("1", 20, 96_000), group("untiered", 80, 4_000)]);
    expect(tierVerdict(draft, published, "untiered")).toBe(
      "Tier 1 accounts bought 6.2x more per account than average; the draft separates tiers better than the published scheme: lift 6.2x vs 4.8x.",
    );
    expect(tierVerdict(published, draft, "untiered")).toContain("the published scheme separates tiers better than the draft: lift 4.8x vs 6.2x.");
    expect(tierVerdict(draft, draft, "untiered")).toContain("about as well");
    expect(tierVerdict(draft, null, "untiered")).toBe("Tier 1 accounts bought 6.2x more per account than average.");
  });

  test("no account in any tier, and a segment", () => {
    expect(tierVerdict(outcomes([group("1", 0, 0), group("untiered", 5, 10)]), null, "untiered")).toMatch(/No account would have reached/);
    const [members, others] = outcomes([group("m", 10, 30_000), group("o", 20, 0)]) as [GroupOutcome, GroupOutcome];
    expect(segmentVerdict(members, others)).toBe("Members bought 3.0x more per account than average (non-members 0.0x).");
  });

  test("lift formatting", () => {
    expect([formatLift(null), formatLift(0.04), formatLift(6.24), formatLift(25.49)]).toEqual(["—", "0.0x", "6.2x", "25x"]);
  });
});
