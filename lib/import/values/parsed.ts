/**
 * Reading one cell of an imported file (lib/import/values/): every parser returns the value in the
 * form the database takes, or a reason that reads after the column name: "Amount: '12,5x' is not a number".
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** The cell as quoted in a message: 'x', cut to a readable length. */
export function quote(raw: string): string {
  const text = raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
  return `'${text}'`;
}

/** Letters and digits only, lower case: the form labels and values are compared in. */
export function looseKey(value: string): string {
  return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}
