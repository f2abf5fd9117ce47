"use server";

import { headers } from "next/headers";
import { z } from "@/lib/validation/zod";
import { clientInfo } from "@/lib/auth/client";
import {
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  resetUserTwoFactor,
  setTwoFactorRequiredForAdmins,
  startEnrolment,
} from "@/lib/data/two-factor";
import { boundUserIdSchema } from "@/lib/validation/user";
import {
  confirmEnrolmentSchema,
  disableTwoFactorSchema,
  regenerateRecoveryCodesSchema,
  startEnrolmentSchema,
} from "@/lib/validation/two-factor";
import { formAction } from "./client";

const TWO_FACTOR_PATH = "/account/two-factor";
const USERS_PATH = "/admin/users";

/** Any signed-in user: the current password, then a QR code and the secret to add to an authenticator app. */
export const startTwoFactorEnrolmentAction = formAction({
  name: "startTwoFactorEnrolment",
  roles: [],
  selfService: true,
  form: startEnrolmentSchema,
  run: async (user, { currentPassword }) => startEnrolment(user, currentPassword, clientInfo(await headers())),
});

/**
 * A code from the app switches two-factor sign-in on; returns the recovery codes, shown once. Not
 * revalidated: the page would swap the form holding the codes for the "on" view before they are read.
 */
export const confirmTwoFactorEnrolmentAction = formAction({
  name: "confirmTwoFactorEnrolment",
  roles: [],
  selfService: true,
  form: confirmEnrolmentSchema,
  run: async (user, { code }) => ({ recoveryCodes: await confirmEnrolment(user, code) }),
});

export const disableTwoFactorAction = formAction({
  name: "disableTwoFactor",
  roles: [],
  selfService: true,
  form: disableTwoFactorSchema,
  run: async (user, input) => {
    await disableTwoFactor(user, input, clientInfo(await headers()));
    return null;
  },
  revalidate: [TWO_FACTOR_PATH],
});

export const regenerateRecoveryCodesAction = formAction({
  name: "regenerateRecoveryCodes",
  roles: [],
  selfService: true,
  form: regenerateRecoveryCodesSchema,
  run: async (user, { code }) => ({ recoveryCodes: await regenerateRecoveryCodes(user, code, clientInfo(await headers())) }),
});

/** Bound with the new state: `setTwoFactorPolicyAction.bind(null, true)`. */
export const setTwoFactorPolicyAction = formAction({
  name: "setTwoFactorPolicy",
  roles: ["ADMIN"],
  bound: [z.boolean()],
  form: z.object({}),
  run: async (actor, _form, required) => {
    await setTwoFactorRequiredForAdmins(actor, required);
    return null;
  },
  revalidate: [["/", "layout"]],
});

/** Bound with the user id: `resetUserTwoFactorAction.bind(null, id)`. */
export const resetUserTwoFactorAction = formAction({
  name: "resetUserTwoFactor",
  roles: ["ADMIN"],
  bound: [boundUserIdSchema],
  form: z.object({}),
  run: async (actor, _form, userId) => {
    await resetUserTwoFactor(actor, userId);
    return null;
  },
  revalidate: [USERS_PATH],
});
