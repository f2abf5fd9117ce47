import { describe, expect, test } from "vitest";
import { fieldErrorsOf } from "@/lib/validation/parse";
import { addDays } from "@/lib/segmentation/dates";
import { MAX_SNOOZE_DAYS, outcomeFormSchema, todayIso } from "./outcomes";

const errors = (input: Record<string, string>) => {
  const parsed = outcomeFormSchema.safeParse(input);
  return parsed.success ? null : fieldErrorsOf(parsed.error);
};

describe("outcome form", () => {
  test("each kind keeps only the detail it needs", () => {
    expect(outcomeFormSchema.parse({ kind: "CONTACTED", amount: "5", until: "x" })).toEqual({ kind: "CONTACTED", reason: null });
    expect(outcomeFormSchema.parse({ kind: "MEETING_BOOKED", reason: "  Tuesday with the CIO " })).toEqual({ kind: "MEETING_BOOKED", reason: "Tuesday with the CIO" });
    expect(outcomeFormSchema.parse({ kind: "WON", amount: "$48,000.504", reason: "x" })).toEqual({ kind: "WON", amount: "48000.50" });
    expect(outcomeFormSchema.parse({ kind: "LOST", reason: "Chose a competitor" })).toEqual({ kind: "LOST", reason: "Chose a competitor" });
    const until = addDays(todayIso(), 7);
    expect(outcomeFormSchema.parse({ kind: "SNOOZED", until })).toEqual({ kind: "SNOOZED", until });
  });

  test("won: the amount must be a positive number of dollars", () => {
    expect(errors({ kind: "WON" })).toEqual({ amount: "Enter the amount won, in US dollars." });
    expect(errors({ kind: "WON", amount: " " })).toEqual({ amount: "Enter the amount won, in US dollars." });
    expect(errors({ kind: "WON", amount: "twelve" })).toEqual({ amount: "'twelve' is not a number: enter the amount in US dollars, e.g. 48,000." });
    expect(errors({ kind: "WON", amount: "-5" })?.amount).toContain("must not be negative");
    expect(errors({ kind: "WON", amount: "€500" })?.amount).toContain("another currency");
    expect(errors({ kind: "WON", amount: "0.00" })).toEqual({ amount: "The amount won must be more than $0." });
    expect(errors({ kind: "WON", amount: "1000000000000" })?.amount).toContain("too large");
  });

  test("lost and not a fit need a reason of 3 to 500 characters; the note of the others is optional but bounded", () => {
    expect(errors({ kind: "LOST" })).toEqual({ reason: "Say why it was lost." });
    expect(errors({ kind: "LOST", reason: "   " })).toEqual({ reason: "Say why it was lost." });
    expect(errors({ kind: "NOT_A_FIT", reason: "no" })).toEqual({ reason: "Say why it is not a fit (at least 3 characters)." });
    expect(errors({ kind: "LOST", reason: "x".repeat(501) })).toEqual({ reason: "Keep it under 500 characters." });
    expect(errors({ kind: "CONTACTED", reason: "x".repeat(501) })).toEqual({ reason: "Keep the note under 500 characters." });
  });

  test("snoozed: a date after today, at most a year ahead", () => {
    const today = todayIso();
    expect(errors({ kind: "SNOOZED" })).toEqual({ until: "Choose the date to come back to this play." });
    expect(errors({ kind: "SNOOZED", until: "next week" })).toEqual({ until: "Use a date like 2026-03-12." });
    expect(errors({ kind: "SNOOZED", until: today })?.until).toMatch(/^Choose a date after today \(.+\): a snooze cannot end in the past\.$/);
    expect(errors({ kind: "SNOOZED", until: addDays(today, -30) })?.until).toContain("after today");
    expect(errors({ kind: "SNOOZED", until: addDays(today, MAX_SNOOZE_DAYS) })).toBeNull();
    expect(errors({ kind: "SNOOZED", until: addDays(today, MAX_SNOOZE_DAYS + 1) })?.until).toMatch(/^Snooze for at most a year/);
  });

  test("an unknown or missing kind is one message next to the outcome field", () => {
    expect(errors({})).toEqual({ kind: "Choose an outcome." });
    expect(errors({ kind: "DONE" })).toEqual({ kind: "Choose an outcome." });
  });
});
