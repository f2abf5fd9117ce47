import { describe, expect, test } from "vitest";
import { resolvePlaysPeriod, type PlaysPeriodQuery } from "./plays-period";

const TODAY = "2026-12-06";
const q = (patch: Partial<PlaysPeriodQuery> = {}): PlaysPeriodQuery => ({ days: null, from: null, to: null, ...patch });

describe("resolvePlaysPeriod", () => {
  test("no parameters: the last 30 days, today included", () => {
    expect(resolvePlaysPeriod(q(), TODAY)).toEqual({
      period: { from: "2026-11-07", to: TODAY, days: 30, preset: 30 },
      errors: {},
      typed: { from: "", to: "" },
    });
  });

  test("a preset", () => {
    expect(resolvePlaysPeriod(q({ days: 7 }), TODAY).period).toEqual({ from: "2026-11-30", to: TODAY, days: 7, preset: 7 });
    expect(resolvePlaysPeriod(q({ days: 90 }), TODAY).period.from).toBe("2026-09-08");
  });

  test("a custom range wins over a preset, both ends included", () => {
    expect(resolvePlaysPeriod(q({ days: 7, from: "2026-11-01", to: "2026-11-30" }), TODAY).period).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
      days: 30,
      preset: null,
    });
    expect(resolvePlaysPeriod(q({ from: "2026-12-06", to: "2026-12-06" }), TODAY).period.days).toBe(1);
  });

  test("one end only: up to today, or the default length before the end", () => {
    expect(resolvePlaysPeriod(q({ from: "2026-12-01" }), TODAY).period).toMatchObject({ from: "2026-12-01", to: TODAY, days: 6 });
    expect(resolvePlaysPeriod(q({ to: "2026-10-31" }), TODAY).period).toMatchObject({ from: "2026-10-02", to: "2026-10-31", days: 30 });
  });

  test("bad dates and ranges fall back to the default period with the reason by field", () => {
    const bad = resolvePlaysPeriod(q({ from: "2026-02-30", to: "soon" }), TODAY);
    expect(bad.period.preset).toBe(30);
    expect(bad.errors.from).toMatch(/date/);
    expect(bad.errors.to).toMatch(/date/);
    expect(bad.typed).toEqual({ from: "2026-02-30", to: "soon" });

    const reversed = resolvePlaysPeriod(q({ from: "2026-12-01", to: "2026-11-01" }), TODAY);
    expect(reversed.errors).toEqual({ to: "The end date is before the start date." });
    expect(reversed.period.preset).toBe(30);

    expect(resolvePlaysPeriod(q({ from: "2020-01-01", to: TODAY }), TODAY).errors.from).toMatch(/two years/);
  });
});
