import { z } from "@/lib/validation/zod";
import { CAPACITY_MAX, CAPACITY_MIN } from "@/lib/domain/capacity";

const capacityMessage = `Enter a whole number from ${CAPACITY_MIN} to ${CAPACITY_MAX}.`;

/** The capacity form on /today (the field is `capacity`). */
export const capacityFormSchema = z.object({
  capacity: z
    .string({ error: capacityMessage })
    .trim()
    .regex(/^\d{1,4}$/, { error: capacityMessage })
    .transform(Number)
    .pipe(z.number().int().min(CAPACITY_MIN, { error: capacityMessage }).max(CAPACITY_MAX, { error: capacityMessage })),
});

/** The user whose capacity is set, bound to the form by the page. */
export const capacityUserSchema = z.string({ error: "Invalid user." }).min(1, { error: "Invalid user." }).max(64, { error: "Invalid user." });

/**
 * A "since your last visit" group as lib/data/plays/changes.ts keys it: scope, change, target id,
 * reason and the ledger detail ("TIER:ENTERED:3:RULE_PUBLISHED:Tier scheme v3: Raise the bar").
 */
export const changeGroupKeySchema = z
  .string({ error: "Invalid change group." })
  .max(1200, { error: "Invalid change group." })
  .regex(/^(TIER|SEGMENT|PLAY):(ENTERED|LEFT):\d{1,10}:[A-Z_]{1,20}:/, { error: "Invalid change group." });

/** The newest ledger time of the group as the page showed it: later entries stay visible. */
export const changeGroupUpToSchema = z.iso.datetime({ error: "Invalid time." }).transform((value) => new Date(value));
