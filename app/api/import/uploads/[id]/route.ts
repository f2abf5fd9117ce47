import type { NextRequest } from "next/server";
import { requireActionUser } from "@/lib/auth/session";
import { appendUpload } from "@/lib/data/import";
import { AppError } from "@/lib/errors";
import { bodyChunks, crossOrigin, errorResponse, isSameOrigin, json } from "@/lib/import/http";
import { importJobIdSchema, uploadOffsetSchema } from "@/lib/validation/import";

/**
 * One part of an upload, streamed to disk at ?offset= (the bytes received so far). Parts are
 * small (the page sends 4 MB) so no proxy in front of the app buffers a whole 50 MB file.
 */
export async function PUT(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!isSameOrigin(request)) return crossOrigin();
  try {
    const actor = await requireActionUser("ADMIN");
    const id = importJobIdSchema.safeParse((await params).id);
    const offset = uploadOffsetSchema.safeParse(request.nextUrl.searchParams.get("offset"));
    if (!id.success) throw new AppError("NOT_FOUND", "That upload no longer exists.");
    if (!offset.success) throw new AppError("INVALID", "The upload part has no valid offset.");
    return json({ received: await appendUpload(actor, id.data, offset.data, bodyChunks(request)) });
  } catch (error) {
    return errorResponse(error, "import upload part");
  }
}
