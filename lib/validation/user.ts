import { z } from "zod";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "@/lib/auth/password-policy";
import { enumValues } from "@/lib/domain/enums";

export const ROLES = enumValues("role");

const email = z
  .string()
  .trim()
  .min(1, "Enter an e-mail address.")
  .max(254, "That e-mail address is too long.")
  .pipe(z.email("Enter a valid e-mail address."))
  // One address, one user: stored lower case so uniqueness ignores case.
  .transform((value) => value.toLowerCase());

const password = z.string().max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const roleSchema = z.enum(ROLES, { error: "Choose a role." });

export const createUserSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
    email,
    role: roleSchema,
    password,
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, { email: value.email });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({ role: roleSchema });

/** The policy needs the user's e-mail, which the data layer knows; this only bounds the input. */
export const resetPasswordSchema = z.object({ password: password.min(1, "Enter a new password.") });

const userId = z.string({ error: "Choose a sales rep." }).trim().min(1, "Choose a sales rep.").max(64);

/** A database id typed or picked in a form: one message for empty, non-numeric, fractional or negative input. */
const positiveId = (message: string) =>
  z.coerce.number<string>({ error: message }).int({ error: message }).positive({ error: message }).max(2_147_483_647, { error: message });

/** Bulk reassignment: every account of a published segment, or every account an accounts-list URL shows. */
export const reassignSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("segment"), segmentId: positiveId("Choose a segment."), ownerId: userId }),
  z.object({
    source: z.literal("list"),
    listUrl: z.string().trim().min(1, "Paste the address of a filtered accounts list.").max(4000, "That address is too long."),
    ownerId: userId,
  }),
  z.object({ source: z.literal("account"), accountId: positiveId("Enter an account ID: a whole number."), ownerId: userId }),
]);
export type ReassignInput = z.infer<typeof reassignSchema>;

/** What every user-management form gets back from its server action. */
export type FormState<Field extends string = string> =
  | { ok: true; message?: string }
  | { ok: false; error?: string; fieldErrors?: Partial<Record<Field, string>> }
  | null;

/** The first message per field, for showing next to each input. */
export function fieldErrorsOf<Field extends string>(error: z.ZodError, fields: readonly Field[]): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (typeof key === "string" && (fields as readonly string[]).includes(key) && !out[key as Field]) out[key as Field] = issue.message;
  }
  return out;
}
