import { describe, expect, test } from "vitest";
import { addMonths, horizonEnd } from "./options";
import { applyThreshold, directionOf, roundCut, suggestThresholds } from "./suggest";
import type { RawDistribution } from "./thresholds";

describe("roundCut", () => {
  test("money to three significant digits, never letting more accounts in", () => {
    expect(roundCut(198_799.2, "high", false)).toBe(199_000);
    expect(roundCut(198_799.2, "low", false)).toBe(198_000);
    expect(roundCut(1_500.0000001, "high", false)).toBe(1_500);
    expect(roundCut(12.345, "high", false)).toBe(12.4);
    expect(roundCut(0, "high", false)).toBe(0);
  });
  test("integers to whole numbers", () => {
    expect(roundCut(6.2, "high", true)).toBe(7);
    expect(roundCut(6.8, "low", true)).toBe(6);
    expect(roundCut(6, "high", true)).toBe(6);
  });
});

describe("suggestThresholds", () => {
  const dist: RawDistribution = {
    population: 100, withValue: 100, reps: 4, min: 0, max: 1_000,
    percentiles: [0.05, 0.2, 0.8, 0.95].map((p) => ({ p, value: p * 1_000 })),
    histogram: [], pareto: { value: 612.5, accounts: 31 }, capacity: { value: 401, accounts: 20 },
  };
  test("top shares read the percentile in the condition's direction", () => {
    const high = suggestThresholds(dist, "high", true, 5).suggestions.map((s) => [s.key, s.value]);
    expect(high).toEqual([["top-5%", 950], ["top-20%", 800], ["pareto", 613], ["capacity", 401]]);
    const low = suggestThresholds(dist, "low", true, 5).suggestions.map((s) => [s.key, s.value]);
    expect(low.slice(0, 2)).toEqual([["top-5%", 50], ["top-20%", 200]]);
  });
  test("nothing to suggest without values", () => {
    expect(suggestThresholds({ ...dist, withValue: 0 }, "high", true, 5).suggestions).toEqual([]);
  });
});

describe("conditions and dates", () => {
  test("directions and applying into a range", () => {
    expect(["gte", "gt", "between", "lte", "lt", "eq", "is_empty"].map(directionOf)).toEqual(["high", "high", "high", "low", "low", null, null]);
    expect(applyThreshold("gte", 5, 10)).toBe(10);
    expect(applyThreshold("between", { min: 1, max: 50 }, 10)).toEqual({ min: 10, max: 50 });
  });
  test("months clamp to the month's end; the horizon stops at today", () => {
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(horizonEnd({ asOf: "2026-03-01", horizonMonths: 6 }, new Date("2026-06-01T10:00:00Z"))).toEqual({ end: "2026-06-01", truncated: true });
    expect(horizonEnd({ asOf: "2025-06-30", horizonMonths: 6 }, new Date("2026-06-01T10:00:00Z"))).toEqual({ end: "2025-12-30", truncated: false });
  });
});
