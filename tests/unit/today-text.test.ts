import { describe, expect, test } from "vitest";
import { describeChangeGroup, moreAccounts, planSummary } from "@/components/today/today-text";
import { channelView, pitchExcerpt } from "@/lib/data/plays/worklist";

describe("pitchExcerpt", () => {
  test("the first non-empty line, as it is when short", () => {
    expect(pitchExcerpt("\n  Hello Acme, time to talk.  \nSecond line")).toBe("Hello Acme, time to talk.");
    expect(pitchExcerpt("")).toBe("");
  });

  test("a long line is cut at a word boundary with an ellipsis, within the limit", () => {
    const text = `${"word ".repeat(60)}end`;
    const excerpt = pitchExcerpt(text, 50);
    expect(excerpt.length).toBeLessThanOrEqual(50);
    expect(excerpt).toMatch(/^word( word)*…$/);
  });

  test("punctuation before the cut is dropped; one very long word is cut inside", () => {
    expect(pitchExcerpt("Acme runs SAP, Oracle, and more things than we can list here", 22)).toBe("Acme runs SAP, Oracle…");
    expect(pitchExcerpt("x".repeat(30), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("channelView", () => {
  test("a fixed channel has no evidence; a best channel shows its evidence or why there is none", () => {
    expect(channelView({ kind: "fixed", channel: "PHONE", label: "Phone" })).toEqual({ label: "Phone", evidence: null, best: false });
    expect(channelView({ kind: "best", best: { channel: null, reason: "No campaign responses on record.", ranking: [] } })).toEqual({
      label: "No clear channel",
      evidence: "No campaign responses on record.",
      best: true,
    });
  });
});

describe("since-your-last-visit sentences", () => {
  const group = (scope: "TIER" | "SEGMENT" | "PLAY", change: "ENTERED" | "LEFT", accounts: number, name: string) => ({ scope, change, accounts, target: { name } });

  test("tiers by name, segments and plays with their kind", () => {
    expect(describeChangeGroup(group("TIER", "ENTERED", 3, "Tier 1 · Strategic")).text).toBe("3 accounts entered Tier 1 · Strategic");
    expect(describeChangeGroup(group("PLAY", "LEFT", 2, "Cloud ERP migration")).text).toBe("2 accounts left play “Cloud ERP migration”");
    expect(describeChangeGroup(group("SEGMENT", "ENTERED", 1, "CRM users"))).toEqual({ count: "1 account", verb: "entered", noun: "segment", text: "1 account entered segment “CRM users”" });
    expect(describeChangeGroup(group("SEGMENT", "LEFT", 1234, "CRM users")).count).toBe("1,234 accounts");
  });

  test("+N more after the names shown", () => {
    expect(moreAccounts(5, 3)).toBe("+2 more");
    expect(moreAccounts(3, 3)).toBeNull();
    expect(moreAccounts(12_345, 3)).toBe("+12,342 more");
  });
});

describe("planSummary", () => {
  test("the share of the book on today's plan", () => {
    expect(planSummary(20, 148)).toBe("20 of 148 open plays for today");
    expect(planSummary(6, 6)).toBe("6 open plays for today");
    expect(planSummary(1, 1)).toBe("1 open play for today");
    expect(planSummary(20, 2_500)).toBe("20 of 2,500 open plays for today");
  });
});
