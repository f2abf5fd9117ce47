import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/actions/result";
import { PREVIEW_SUPERSEDED } from "@/lib/validation/preview-key";
import { shownCount } from "./preview-bits";
import { previewInPhases, type PreviewPhase } from "./preview-phases";

interface Answer {
  count: number;
  estimate: boolean;
}

/** A fake server: answers by phase, records what was asked, and can make the input stale after a given call. */
function harness(answers: Partial<Record<PreviewPhase | "none", ActionResult<Answer>>>, staleAfterCall = Infinity) {
  const asked: (PreviewPhase | undefined)[] = [];
  const shown: ActionResult<Answer>[] = [];
  let calls = 0;
  return {
    asked,
    shown,
    run: (withEstimates: boolean) =>
      previewInPhases<Answer>({
        ask: async (phase) => {
          asked.push(phase);
          calls++;
          return answers[phase ?? "none"] ?? { ok: false, error: "unexpected phase" };
        },
        isEstimate: withEstimates ? (a) => a.estimate : undefined,
        isCurrent: () => calls <= staleAfterCall,
        show: (answer) => shown.push(answer),
      }),
  };
}

const estimate: ActionResult<Answer> = { ok: true, data: { count: 12_300, estimate: true } };
const exact: ActionResult<Answer> = { ok: true, data: { count: 12_345, estimate: false } };

describe("previewInPhases: the estimate first, then the exact answer in its place", () => {
  it("shows the estimate, then asks for and shows the exact answer", async () => {
    const h = harness({ estimate, exact });
    await h.run(true);
    expect(h.asked).toEqual(["estimate", "exact"]);
    expect(h.shown).toEqual([estimate, exact]);
  });

  it("asks no more when the first answer is already exact (a small database)", async () => {
    const h = harness({ estimate: exact });
    await h.run(true);
    expect(h.asked).toEqual(["estimate"]);
    expect(h.shown).toEqual([exact]);
  });

  it("without isEstimate asks once, without a phase (plays editor, scoring form)", async () => {
    const h = harness({ none: exact });
    await h.run(false);
    expect(h.asked).toEqual([undefined]);
    expect(h.shown).toEqual([exact]);
  });

  it("a newer input during the estimate: nothing shown, no exact answer asked for", async () => {
    const h = harness({ estimate, exact }, 0);
    await h.run(true);
    expect(h.asked).toEqual(["estimate"]);
    expect(h.shown).toEqual([]);
  });

  it("a newer input during the exact answer: the estimate stays, the stale exact answer is dropped", async () => {
    const h = harness({ estimate, exact }, 1);
    await h.run(true);
    expect(h.asked).toEqual(["estimate", "exact"]);
    expect(h.shown).toEqual([estimate]);
  });

  it("a cancelled (superseded) exact answer is never shown; a real failure is", async () => {
    const superseded = harness({ estimate, exact: { ok: false, error: PREVIEW_SUPERSEDED } });
    await superseded.run(true);
    expect(superseded.shown).toEqual([estimate]);
    const failure: ActionResult<Answer> = { ok: false, error: "Database unavailable." };
    const failed = harness({ estimate, exact: failure });
    await failed.run(true);
    expect(failed.shown).toEqual([estimate, failure]);
  });
});

describe("shownCount", () => {
  it("exact counts in full, estimates with ≈ and three significant digits", () => {
    expect(shownCount(12_345, false)).toBe("12,345");
    expect(shownCount(12_345, true)).toBe("≈ 12,300");
    expect(shownCount(999_501, true)).toBe("≈ 1,000,000");
    expect(shownCount(47, true)).toBe("≈ 47");
    expect(shownCount(0, true)).toBe("≈ 0");
  });
});
