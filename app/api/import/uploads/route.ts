import { requireActionUser } from "@/lib/auth/session";
import { createUpload } from "@/lib/data/import";
import { AppError } from "@/lib/errors";
import { crossOrigin, errorResponse, isSameOrigin, json } from "@/lib/import/http";
import { uploadStartSchema } from "@/lib/validation/import";

/** Start an upload: { kind, fileName, size, contentType, replaces? } -> { id }. The file follows in parts (PUT). */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return crossOrigin();
  try {
    const actor = await requireActionUser("ADMIN");
    const parsed = uploadStartSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) throw new AppError("INVALID", parsed.error.issues[0]?.message ?? "The upload request could not be read.");
    return json(await createUpload(actor, parsed.data), 201);
  } catch (error) {
    return errorResponse(error, "import upload start");
  }
}
