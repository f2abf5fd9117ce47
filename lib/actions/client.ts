import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "@/lib/validation/zod";
import { requireActionUser, type SessionUser } from "@/lib/auth/session";
import { GENERIC_ERROR, isAppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { logUnexpected } from "@/lib/log";
import { invalidInput } from "@/lib/validation/parse";
import type { ActionResult, FormResult } from "./result";

/**
 * The one boundary of every server action: check the role, parse every argument with its zod
 * schema (from lib/validation), run the body (which calls lib/data), revalidate, and translate
 * errors into an ActionResult. An action defined here cannot forget the role check or the parse.
 *
 *   export const publishSegment = action({
 *     name: "publishSegment", roles: ["ADMIN"], args: [idSchema("segment"), counterSchema("revision"), publishNoteSchema],
 *     run: (user, id, baseRevision, note) => publish(user, id, { baseRevision, note }),
 *     revalidate: [["/", "layout"]],
 *   });
 */
type Schemas = readonly z.ZodType[];
type Outputs<S extends Schemas> = { -readonly [K in keyof S]: z.output<S[K]> };
type Inputs<S extends Schemas> = { -readonly [K in keyof S]: z.input<S[K]> };
type Revalidation = string | readonly [path: string, type: "layout" | "page"];

interface Common<T> {
  /** Named in the server log when the body fails unexpectedly. */
  name: string;
  /** Who may call it; an empty list means any signed-in user. */
  roles: readonly Role[];
  /**
   * The user's own password or second factor: callable while the user must first change an
   * admin-set password or set up two-factor sign-in (every other action is refused until then).
   */
  selfService?: true;
  /** Paths to refresh after a success. */
  revalidate?: readonly Revalidation[] | ((data: T) => readonly Revalidation[]);
}

/** Argument schemas, or a function building them (e.g. a rule schema with ids loaded from the database). */
type ArgSchemas<S extends Schemas> = S | (() => Promise<S>);

async function execute<T>(spec: Common<T>, body: (user: SessionUser) => Promise<T>): Promise<ActionResult<T>> {
  let data: T;
  try {
    const user = await requireActionUser(spec.roles, { selfService: spec.selfService });
    data = await body(user);
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.message, code: error.code, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
    logUnexpected(`action ${spec.name}`, error);
    return { ok: false, error: GENERIC_ERROR };
  }
  const paths = typeof spec.revalidate === "function" ? spec.revalidate(data) : (spec.revalidate ?? []);
  for (const path of paths) {
    if (typeof path === "string") revalidatePath(path);
    else revalidatePath(path[0], path[1]);
  }
  return { ok: true, data };
}

async function parseArgs<S extends Schemas>(schemas: ArgSchemas<S>, args: readonly unknown[]): Promise<Outputs<S>> {
  const list = typeof schemas === "function" ? await schemas() : schemas;
  if (list.length === 0) return [] as unknown as Outputs<S>;
  const parsed = await z.tuple(list as unknown as [z.ZodType, ...z.ZodType[]]).safeParseAsync(list.map((_, i) => args[i]));
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data as Outputs<S>;
}

/** A server action called from a component with positional arguments. */
export function action<const S extends Schemas, T>(
  spec: Common<T> & { args: ArgSchemas<S>; run: (user: SessionUser, ...args: Outputs<S>) => Promise<T> },
): (...args: Inputs<S>) => Promise<ActionResult<T>> {
  return async (...args) => execute(spec, async (user) => spec.run(user, ...(await parseArgs(spec.args, args))));
}

/**
 * A server action for a <form> with `useActionState`: `(…bound, previousState, formData)`.
 * `bound` are the arguments fixed with `.bind(null, id)`; `form` parses the form's fields, and its
 * problems come back as `fieldErrors` keyed by field name.
 */
export function formAction<const B extends Schemas, F extends z.ZodType, T>(
  spec: Common<T> & { bound?: B; form: F; run: (user: SessionUser, form: z.output<F>, ...bound: Outputs<B>) => Promise<T> },
): (...args: [...Inputs<B>, previous: FormResult<T>, formData: FormData]) => Promise<ActionResult<T>> {
  const bound = (spec.bound ?? []) as unknown as B;
  return async (...args) =>
    execute(spec, async (user) => {
      const formData = args[args.length - 1];
      const values = await parseArgs(bound, args.slice(0, bound.length));
      const form = formData instanceof FormData ? Object.fromEntries(formData) : {};
      const parsed = await spec.form.safeParseAsync(form);
      if (!parsed.success) throw invalidInput(parsed.error);
      return spec.run(user, parsed.data, ...values);
    });
}
