/**
 * The "Record outcome" form of a recommended play (account page): the outcome kind and the one
 * detail it needs (lib/plays/kinds.ts OUTCOME_DETAIL): won -> the amount, lost / not a fit -> a
 * reason, snoozed -> the date it comes back; contacted and meeting booked take an optional note
 * (stored as the reason). Every message is shown next to its field.
 */
import { z } from "@/lib/validation/zod";
import { parseMoney } from "@/lib/import/values/numbers";
import { addDays, isIsoDate, toIsoDate, type IsoDate } from "@/lib/segmentation/dates";
import { formatDate } from "@/lib/utils/format";

export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;
/** A snooze is a plan for later, not a way to hide an account for good. */
export const MAX_SNOOZE_DAYS = 365;
/** play_outcomes.amount is numeric(14, 2). */
const AMOUNT_LIMIT = 1e12;

const reason = (what: string) =>
  z
    .string({ error: `Say ${what}.` })
    .trim()
    .min(1, { error: `Say ${what}.` })
    .min(REASON_MIN_LENGTH, { error: `Say ${what} (at least ${REASON_MIN_LENGTH} characters).` })
    .max(REASON_MAX_LENGTH, { error: `Keep it under ${REASON_MAX_LENGTH} characters.` });

const note = z
  .string()
  .trim()
  .max(REASON_MAX_LENGTH, { error: `Keep the note under ${REASON_MAX_LENGTH} characters.` })
  .optional()
  .transform((value) => value || null);

/** Dollars as typed ("48000", "$48,000.50"), checked like imported money; kept as a decimal string. */
const amount = z
  .string({ error: "Enter the amount won, in US dollars." })
  .trim()
  .min(1, { error: "Enter the amount won, in US dollars." })
  .transform((raw, ctx) => {
    const parsed = parseMoney(raw, AMOUNT_LIMIT);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `${parsed.reason}: enter the amount in US dollars, e.g. 48,000.` });
      return z.NEVER;
    }
    if (Number(parsed.value) <= 0) {
      ctx.addIssue({ code: "custom", message: "The amount won must be more than $0." });
      return z.NEVER;
    }
    return parsed.value;
  });

/** Today as the app counts days: UTC, like every stored date. */
export function todayIso(now: Date = new Date()): IsoDate {
  return toIsoDate(now);
}

const until = z
  .string({ error: "Choose the date to come back to this play." })
  .trim()
  .min(1, { error: "Choose the date to come back to this play." })
  .refine(isIsoDate, { error: "Use a date like 2026-03-12." })
  .superRefine((day, ctx) => {
    const today = todayIso();
    if (day <= today) ctx.addIssue({ code: "custom", message: `Choose a date after today (${formatDate(today)}): a snooze cannot end in the past.` });
    else if (day > addDays(today, MAX_SNOOZE_DAYS)) ctx.addIssue({ code: "custom", message: `Snooze for at most a year (until ${formatDate(addDays(today, MAX_SNOOZE_DAYS))}).` });
  });

export const outcomeFormSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.enum(["CONTACTED", "MEETING_BOOKED"]), reason: note }),
    z.object({ kind: z.literal("WON"), amount }),
    z.object({ kind: z.literal("LOST"), reason: reason("why it was lost") }),
    z.object({ kind: z.literal("NOT_A_FIT"), reason: reason("why it is not a fit") }),
    z.object({ kind: z.literal("SNOOZED"), until }),
  ],
  { error: "Choose an outcome." },
);

export type OutcomeInput = z.output<typeof outcomeFormSchema>;
