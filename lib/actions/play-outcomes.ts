"use server";

import { recordOutcome } from "@/lib/data/plays/outcomes";
import { OUTCOME_KIND_LABELS } from "@/lib/plays/kinds";
import { idSchema } from "@/lib/validation/ids";
import { outcomeFormSchema } from "@/lib/validation/outcomes";
import { formAction } from "./client";

/**
 * The account page's "Record outcome" form, bound with the account and the play:
 * `recordPlayOutcome.bind(null, accountId, playId)`. Any signed-in role; the data layer limits a
 * rep to their own accounts. The account page and the worklist change with it.
 */
export const recordPlayOutcome = formAction({
  name: "recordPlayOutcome",
  roles: ["REP", "MANAGER", "ADMIN"],
  bound: [idSchema("account"), idSchema("play")],
  form: outcomeFormSchema,
  run: async (user, outcome, accountId, playId) => {
    const recorded = await recordOutcome(user, { accountId, playId, outcome });
    return { accountId, message: `Recorded: ${OUTCOME_KIND_LABELS[recorded.kind].toLowerCase()}.` };
  },
  revalidate: ({ accountId }) => [`/accounts/${accountId}`, "/today"],
});
