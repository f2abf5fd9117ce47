/**
 * One line on the server log for an unexpected error at a boundary: where, the error's name and
 * message, and the frame it was thrown from. Expected failures (AppError) are never logged.
 */
export function logUnexpected(where: string, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const frame = err.stack?.split("\n").find((line) => line.trim().startsWith("at "))?.trim() ?? "";
  console.error(`[tierwise] ${where} failed: ${err.name}: ${err.message.replace(/\s+/g, " ").slice(0, 500)} ${frame}`.trim());
}
