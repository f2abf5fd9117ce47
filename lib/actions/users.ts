"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/session";
import {
  changeUserRole,
  createUser,
  FieldError,
  previewReassignment,
  reassignAccounts,
  resetUserPassword,
  setUserActive,
  type AccountSelection,
} from "@/lib/data/users";
import { isAppError } from "@/lib/errors";
import { formatNumber } from "@/lib/utils/format";
import { loadAccountQuery } from "@/lib/validation/account-query";
import {
  changeRoleSchema,
  createUserSchema,
  fieldErrorsOf,
  reassignSchema,
  resetPasswordSchema,
  type FormState,
  type ReassignInput,
} from "@/lib/validation/user";

const GENERIC_ERROR = "Something went wrong. Nothing was changed; try again in a moment.";
const USERS_PATH = "/admin/users";

/** Expected errors become messages (next to their field when they name one); anything else is logged. */
function failure<F extends string>(error: unknown, what: string): FormState<F> {
  if (error instanceof FieldError) return { ok: false, fieldErrors: { [error.field]: error.message } as Partial<Record<F, string>> };
  if (isAppError(error)) return { ok: false, error: error.message };
  console.error(`${what} failed`, error);
  return { ok: false, error: GENERIC_ERROR };
}

type CreateField = "name" | "email" | "role" | "password";

export async function createUserAction(_prev: FormState<CreateField>, formData: FormData): Promise<FormState<CreateField>> {
  let name: string;
  try {
    const actor = await requireActionUser("ADMIN");
    const parsed = createUserSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["name", "email", "role", "password"] as const) };
    name = (await createUser(actor, parsed.data)).name;
  } catch (error) {
    return failure(error, "createUser");
  }
  revalidatePath(USERS_PATH);
  return { ok: true, message: `${name} can now sign in.` };
}

export async function changeUserRoleAction(userId: string, _prev: FormState<"role">, formData: FormData): Promise<FormState<"role">> {
  try {
    const actor = await requireActionUser("ADMIN");
    const parsed = changeRoleSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["role"] as const) };
    await changeUserRole(actor, userId, parsed.data.role);
  } catch (error) {
    return failure(error, "changeUserRole");
  }
  revalidatePath(USERS_PATH);
  return { ok: true };
}

/** Bound with the user id and the new state: `setUserActiveAction.bind(null, id, false)`. */
export async function setUserActiveAction(userId: string, active: boolean): Promise<FormState> {
  try {
    const actor = await requireActionUser("ADMIN");
    await setUserActive(actor, userId, active === true);
  } catch (error) {
    return failure(error, "setUserActive");
  }
  revalidatePath(USERS_PATH);
  return { ok: true };
}

export async function resetUserPasswordAction(userId: string, _prev: FormState<"password">, formData: FormData): Promise<FormState<"password">> {
  try {
    const actor = await requireActionUser("ADMIN");
    const parsed = resetPasswordSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["password"] as const) };
    await resetUserPassword(actor, userId, parsed.data.password);
  } catch (error) {
    return failure(error, "resetUserPassword");
  }
  revalidatePath(USERS_PATH);
  return { ok: true };
}

// ---- Reassigning accounts (MANAGER, ADMIN) -------------------------------

type ReassignField = "source" | "segmentId" | "listUrl" | "accountId" | "ownerId";

export type ReassignState =
  | FormState<ReassignField>
  | { ok: true; step: "confirm"; count: number; ownerName: string; sourceLabel: string }
  | { ok: true; step: "done"; message: string };

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
        throw new FieldError("listUrl", "That is not a web address.");
      }
      if (url.pathname.replace(/\/+$/, "") !== "/accounts") {
        throw new FieldError("listUrl", "Paste the address of the Accounts page, with its filters.");
      }
      return { kind: "query", query: loadAccountQuery(url.searchParams) };
    }
  }
}

/**
 * Two steps in one form: "preview" returns how many accounts would move (the confirm
 * step), "confirm" moves them. The submit button's name="intent" says which.
 */
export async function reassignAccountsAction(_prev: ReassignState, formData: FormData): Promise<ReassignState> {
  let message: string;
  try {
    const actor = await requireActionUser("ADMIN", "MANAGER");
    const parsed = reassignSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["source", "segmentId", "listUrl", "accountId", "ownerId"] as const) };
    }
    const selection = toSelection(parsed.data);
    if (formData.get("intent") !== "confirm") {
      const preview = await previewReassignment(actor, selection, parsed.data.ownerId);
      return { ok: true, step: "confirm", count: preview.count, ownerName: preview.owner.name, sourceLabel: preview.source };
    }
    const { moved, owner } = await reassignAccounts(actor, selection, parsed.data.ownerId);
    message = moved === 1 ? `Moved 1 account to ${owner.name}.` : `Moved ${formatNumber(moved)} accounts to ${owner.name}.`;
  } catch (error) {
    return failure(error, "reassignAccounts");
  }
  revalidatePath(USERS_PATH);
  revalidatePath("/accounts");
  return { ok: true, step: "done", message };
}
