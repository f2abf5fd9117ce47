"use server";

import { headers } from "next/headers";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { clientInfo } from "@/lib/auth/client";
import { changePasswordSchema } from "@/lib/validation/password";
import { formAction } from "./client";

/** Any signed-in user changes their own password (the current one required). */
export const changePasswordAction = formAction({
  name: "changePassword",
  roles: [],
  selfService: true,
  form: changePasswordSchema,
  run: async (user, input) => {
    await changeOwnPassword(user, input, clientInfo(await headers()));
    return { message: "Your password has been changed. Your other sessions have been signed out." };
  },
  revalidate: [["/", "layout"]],
});
