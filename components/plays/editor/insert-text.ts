/**
 * Put a placeholder where the cursor was in a pitch or talking point (replacing a selection),
 * and say where the cursor goes after it. Without a known cursor it goes at the end, after a
 * space when the text does not already end with one.
 */
export function insertText(value: string, selection: { start: number; end: number } | null, insert: string): { value: string; caret: number } {
  if (!selection) {
    const glue = value === "" || /\s$/.test(value) ? "" : " ";
    const next = `${value}${glue}${insert}`;
    return { value: next, caret: next.length };
  }
  const start = Math.max(0, Math.min(selection.start, value.length));
  const end = Math.max(start, Math.min(selection.end, value.length));
  return { value: value.slice(0, start) + insert + value.slice(end), caret: start + insert.length };
}
