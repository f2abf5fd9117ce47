/**
 * A small RFC 4180 writer that is safe to open in a spreadsheet.
 *
 * Formula injection: a text cell starting with = + - @, a tab or a carriage return is
 * run as a formula by Excel, LibreOffice and Google Sheets ("=HYPERLINK(...)"). Such
 * cells get a leading single quote, which spreadsheets show as plain text. Spreadsheets
 * also skip leading blanks (spaces, NBSP, tabs, line breaks) and some fold fullwidth or
 * compatibility forms ("＝", "﹢") to their ASCII twins, so the starter is looked for
 * after NFKC normalisation and after any leading whitespace; a cell that merely starts
 * with a tab, CR or LF is neutralised as well. The written text itself is not changed.
 *
 * Only strings are neutralised. Numbers are values this application computed (a
 * negative lifetime value is -5, not "-5" typed by a user), so they are written as
 * numbers and stay usable in sums. Anything user-entered must be passed as a string.
 */

export type CsvValue = string | number | null | undefined;

/** A control character a spreadsheet may act on in position one. */
const CONTROL_START = /^[\t\r\n]/;
/** = + - @ after any whitespace (\s covers NBSP, BOM and Unicode spaces) or zero-width characters. */
const FORMULA_START = /^[\s\u200B-\u200D\u2060]*[=+\-@]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Excel only reads a CSV as UTF-8 when it starts with a byte order mark. */
export const CSV_BOM = "\uFEFF";

/** One cell: empty for null, plain for numbers, neutralised then quoted as needed for text. */
export function csvCell(value: CsvValue): string {
  if (value == null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = isFormulaLike(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A printable ASCII first character: NFKC leaves it alone, so it alone decides (most cells; exports are large). */
const ASCII_START = /^[\x21-\x7e]/;

/** Whether a spreadsheet could read this text as a formula (or a control in position one). */
function isFormulaLike(value: string): boolean {
  if (ASCII_START.test(value)) return FORMULA_START.test(value);
  return CONTROL_START.test(value) || FORMULA_START.test(value.normalize("NFKC"));
}

/** One record, terminated by CRLF as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
