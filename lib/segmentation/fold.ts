/**
 * Case folding for text conditions, matched by the SQL compiler's
 * `lower(x COLLATE pg_c_utf8)`: PostgreSQL's built-in C.UTF-8 collation lower-cases with
 * Unicode's simple one-to-one mapping whatever the database's default locale. JavaScript's
 * toLowerCase uses the full, context-sensitive mapping, so fold one code point at a time (no
 * final-sigma rule) and map U+0130 (İ) to "i" as the simple mapping does.
 * Known remaining difference: letters added in Unicode 16+ that Node's ICU knows and
 * PostgreSQL 18's tables do not (none in Latin, Greek, Cyrillic or CJK).
 */
export function foldCase(text: string): string {
  let folded = "";
  for (const char of text) folded += char === "\u0130" ? "i" : char.toLowerCase();
  return folded;
}
