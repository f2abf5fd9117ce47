"use server";

import { z } from "@/lib/validation/zod";
import {
  changeUserRole,
  createUser,
  previewReassignment,
  reassignAccounts,
  resetUserPassword,
  setUserActive,
  type AccountSelection,
} from "@/lib/data/users";
import { fieldError } from "@/lib/errors";
import { formatNumber } from "@/lib/utils/format";
import { loadAccountQuery } from "@/lib/validation/account-query";
import {
  boundUserIdSchema,
  changeRoleSchema,
  createUserSchema,
  reassignFormSchema,
  resetPasswordSchema,
  type ReassignInput,
} from "@/lib/validation/user";
import { formAction } from "./client";

const USERS_PATH = "/admin/users";

export const createUserAction = formAction({
  name: "createUser",
  roles: ["ADMIN"],
  form: createUserSchema,
  run: async (actor, input) => ({ message: `${(await createUser(actor, input)).name} can now sign in.` }),
  revalidate: [USERS_PATH],
});

/** Bound with the user id: `changeUserRoleAction.bind(null, id)`. */
export const changeUserRoleAction = formAction({
  name: "changeUserRole",
  roles: ["ADMIN"],
  bound: [boundUserIdSchema],
  form: changeRoleSchema,
  run: async (actor, { role }, userId) => {
    await changeUserRole(actor, userId, role);
    return null;
  },
  revalidate: [USERS_PATH],
});

/** Bound with the user id and the new state: `setUserActiveAction.bind(null, id, false)`. */
export const setUserActiveAction = formAction({
  name: "setUserActive",
  roles: ["ADMIN"],
  bound: [boundUserIdSchema, z.boolean()],
  form: z.object({}),
  run: async (actor, _form, userId, active) => {
    await setUserActive(actor, userId, active);
    return null;
  },
  revalidate: [USERS_PATH],
});

export const resetUserPasswordAction = formAction({
  name: "resetUserPassword",
  roles: ["ADMIN"],
  bound: [boundUserIdSchema],
  form: resetPasswordSchema,
  run: async (actor, { password }, userId) => {
    await resetUserPassword(actor, userId, password);
    return null;
  },
  revalidate: [USERS_PATH],
});

// ---- Reassigning accounts (MANAGER, ADMIN) -------------------------------

export type ReassignOutcome =
  | { step: "confirm"; count: number; ownerName: string; sourceLabel: string }
  | { step: "done"; message: string };

function toSelection(input: ReassignInput): AccountSelection {
  switch (input.source) {
    case "segment":
      return { kind: "segment", segmentId: input.segmentId };
    case "account":
      return { kind: "account", accountId: input.accountId };
    case "list": {
      // A pasted address of the accounts list: its query string is the filter (sort and page do not matter).
      let url: URL;
      try {
        url = new URL(input.listUrl, "http://tierwise.invalid");
      } catch {
        throw fieldError("listUrl", "That is not a web address.");
      }
      if (url.pathname.replace(/\/+$/, "") !== "/accounts") {
        throw fieldError("listUrl", "Paste the address of the Accounts page, with its filters.");
      }
      return { kind: "query", query: loadAccountQuery(url.searchParams) };
    }
  }
}

/**
 * Two steps in one form: "preview" returns how many accounts would move (the confirm
 * step), "confirm" moves them. The submit button's name="intent" says which.
 */
export const reassignAccountsAction = formAction({
  name: "reassignAccounts",
  roles: ["ADMIN", "MANAGER"],
  form: reassignFormSchema,
  run: async (actor, input): Promise<ReassignOutcome> => {
    const selection = toSelection(input);
    if (input.intent !== "confirm") {
      const preview = await previewReassignment(actor, selection, input.ownerId);
      return { step: "confirm", count: preview.count, ownerName: preview.owner.name, sourceLabel: preview.source };
    }
    const { moved, owner } = await reassignAccounts(actor, selection, input.ownerId);
    return { step: "done", message: moved === 1 ? `Moved 1 account to ${owner.name}.` : `Moved ${formatNumber(moved)} accounts to ${owner.name}.` };
  },
  revalidate: (outcome) => (outcome.step === "done" ? [USERS_PATH, "/accounts"] : []),
});
