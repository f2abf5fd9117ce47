import { z } from "@/lib/validation/zod";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "@/lib/auth/password-policy";
import { enumValues } from "@/lib/domain/enums";
import { formIdSchema } from "./ids";

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

export const userIdSchema = z.string({ error: "Choose a sales rep." }).trim().min(1, "Choose a sales rep.").max(64);

/** Bulk reassignment: every account of a published segment, or every account an accounts-list URL shows. */
export const reassignSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("segment"), segmentId: formIdSchema("Choose a segment."), ownerId: userIdSchema }),
  z.object({
    source: z.literal("list"),
    listUrl: z.string().trim().min(1, "Paste the address of a filtered accounts list.").max(4000, "That address is too long."),
    ownerId: userIdSchema,
  }),
  z.object({ source: z.literal("account"), accountId: formIdSchema("Enter an account ID: a whole number."), ownerId: userIdSchema }),
]);
export type ReassignInput = z.infer<typeof reassignSchema>;

/** The "Move" form: which step the clicked button asks for (preview is the default). */
export const reassignFormSchema = reassignSchema.and(z.object({ intent: z.enum(["preview", "confirm"]).catch("preview") }));

/** A user id bound to a row's action; the data layer answers NOT_FOUND for an unknown one. */
export const boundUserIdSchema = z.string({ error: "That user no longer exists." }).min(1).max(64);
