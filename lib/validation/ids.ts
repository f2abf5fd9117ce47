import { createParser } from "nuqs/server";
import { z } from "@/lib/validation/zod";

/** PostgreSQL's int4 upper bound: the largest id (or count) a column of ours can hold. */
export const INT4_MAX = 2_147_483_647;

/** A positive int4 id from a URL segment or a number; null when it cannot be one (a 404, not an error). */
export function parseId(raw: string | number | null | undefined): number | null {
  const id = typeof raw === "number" ? raw : typeof raw === "string" && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(id) && id >= 1 && id <= INT4_MAX ? id : null;
}

/**
 * What a URL id filter holds for a value that cannot be an id ("99999999999", "-1", "1e3", "0x10",
 * "NaN"): no row has id 0, so the filter matches nothing. Dropping the value instead would widen
 * the result (a list or export of everything for `?segment=99999999999`).
 */
export const NO_SUCH_ID = 0;

/** A URL query id (nuqs), read with parseId: an impossible value becomes NO_SUCH_ID. */
export const parseAsId = createParser({
  parse: (raw: string) => parseId(raw) ?? NO_SUCH_ID,
  serialize: (id: number) => String(id),
});

/** A page number or page size from the URL (nuqs): a positive int4 or nothing (the default then). */
export const parseAsPositiveInt = createParser({
  parse: (raw: string) => parseId(raw),
  serialize: (n: number) => String(n),
});

/** A positive int4 id passed to an action. */
export const idSchema = (what = "record") =>
  z.number({ error: `Invalid ${what}.` }).int({ error: `Invalid ${what}.` }).positive({ error: `Invalid ${what}.` }).max(INT4_MAX, { error: `Invalid ${what}.` });

/** A draft's revision or a version number: a whole number from 0. */
export const counterSchema = (what: string) =>
  z.number({ error: `Invalid ${what}.` }).int({ error: `Invalid ${what}.` }).min(0, { error: `Invalid ${what}.` }).max(INT4_MAX, { error: `Invalid ${what}.` });

/** A database id typed or picked in a form: one message for empty, non-numeric, fractional or negative input. */
export const formIdSchema = (message: string) =>
  z.coerce.number<string>({ error: message }).int({ error: message }).positive({ error: message }).max(INT4_MAX, { error: message });
