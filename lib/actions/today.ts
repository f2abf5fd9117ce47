"use server";

import { dismissAllChanges, dismissChangeGroup } from "@/lib/data/plays/changes";
import { setDailyCapacity } from "@/lib/data/plays/today-rep";
import { capacityFormSchema, capacityUserSchema, changeGroupKeySchema, changeGroupUpToSchema } from "@/lib/validation/today";
import { action, formAction } from "./client";

const TODAY_PATH = "/today";

/**
 * The capacity form on /today, bound with the user whose plan it is:
 * `setDailyCapacityAction.bind(null, userId)`. A rep sets their own; an admin anyone's.
 */
export const setDailyCapacityAction = formAction({
  name: "setDailyCapacity",
  roles: ["REP", "ADMIN"],
  bound: [capacityUserSchema],
  form: capacityFormSchema,
  run: (actor, { capacity }, userId) => setDailyCapacity(actor, userId, capacity),
  revalidate: [TODAY_PATH],
});

/** Hide one "since your last visit" group up to the newest entry the rep saw. */
export const dismissChangeGroupAction = action({
  name: "dismissChangeGroup",
  roles: ["REP"],
  args: [changeGroupKeySchema, changeGroupUpToSchema],
  run: async (actor, key, upTo) => {
    await dismissChangeGroup(actor, key, upTo);
    return null;
  },
  revalidate: [TODAY_PATH],
});

/** Everything in "since your last visit" seen: the next visit starts from now. */
export const dismissAllChangesAction = action({
  name: "dismissAllChanges",
  roles: ["REP"],
  args: [],
  run: async (actor) => {
    await dismissAllChanges(actor);
    return null;
  },
  revalidate: [TODAY_PATH],
});
