import "server-only";
import { fieldError } from "@/lib/errors";

/**
 * Opaque cursors of the API's lists: base64url JSON of the list's name (a cursor of one sort is
 * refused by another), the last item's sort key and its id. The next page starts strictly after
 * that position, so accounts inserted or removed meanwhile neither repeat nor shift a page.
 */
export interface CursorPosition {
  /** The list and order the cursor belongs to ("accounts:ltv:desc", "feed"...). */
  list: string;
  /** The last item's sort key values, as text (null for an empty value), then its id. */
  keys: (string | null)[];
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.list, ...position.keys]), "utf8").toString("base64url");
}

const badCursor = () =>
  fieldError("cursor", "This cursor is not valid for this list: pass back the next_cursor of the previous page with the same parameters.");

/** The position of a cursor from a client, checked to belong to `list` with `size` keys. */
export function decodeCursor(cursor: string, list: string, size: number): (string | null)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== size + 1 || parsed[0] !== list) throw badCursor();
  const keys = parsed.slice(1);
  if (!keys.every((k) => k === null || (typeof k === "string" && k.length <= 1_000))) throw badCursor();
  return keys as (string | null)[];
}

/** A positive integer key (an id) from a decoded cursor. */
export function cursorId(raw: string | null): bigint {
  if (raw === null || !/^[1-9]\d{0,18}$/.test(raw)) throw badCursor();
  return BigInt(raw);
}

/** The page and its cursor: `limit + 1` rows were read, the extra one only says there is more. */
export function pageFrom<R>(rows: R[], limit: number, positionOf: (last: R) => CursorPosition): { rows: R[]; next_cursor: string | null } {
  if (rows.length <= limit) return { rows, next_cursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, next_cursor: encodeCursor(positionOf(page[page.length - 1]!)) };
}
