import type { ImportJobView } from "@/lib/import/job";
import type { ImportKind } from "@/lib/import/kinds";

/** Parts small enough that nothing in front of the app buffers a whole file. */
const PART_BYTES = 4 * 1024 * 1024;

export class UploadError extends Error {}

async function readError(response: Response): Promise<string> {
  try {
    // The route boundary's error shape (lib/http/route.ts): { error: { code, message } }.
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not JSON: fall through.
  }
  return response.status === 413 ? "The file is too large." : "The upload failed. Check your connection and try again.";
}

/**
 * Upload a file in parts (each streamed to disk by the server), reporting bytes sent, then ask
 * the server to read its header and count its rows. Resolves with the new import job.
 */
export async function uploadFile(
  file: File,
  kind: ImportKind,
  options: { replaces?: string | null; onProgress?: (sent: number) => void; signal?: AbortSignal } = {},
): Promise<ImportJobView> {
  const start = await fetch("/api/import/uploads", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ kind, fileName: file.name, size: file.size, contentType: file.type, replaces: options.replaces ?? null }),
    signal: options.signal,
  });
  if (!start.ok) throw new UploadError(await readError(start));
  const { id } = (await start.json()) as { id: string };

  for (let offset = 0; offset < file.size; offset += PART_BYTES) {
    const part = file.slice(offset, offset + PART_BYTES);
    const response = await fetch(`/api/import/uploads/${id}?offset=${offset}`, {
      method: "PUT",
      headers: { "Content-Type": "application/octet-stream" },
      body: part,
      signal: options.signal,
    });
    if (!response.ok) throw new UploadError(await readError(response));
    options.onProgress?.(Math.min(file.size, offset + part.size));
  }

  const done = await fetch(`/api/import/uploads/${id}/complete`, { method: "POST", signal: options.signal });
  if (!done.ok) throw new UploadError(await readError(done));
  return (await done.json()) as ImportJobView;
}
