import { requireActionUser } from "@/lib/auth/session";
import { completeUpload } from "@/lib/data/import";
import { AppError } from "@/lib/errors";
import { crossOrigin, errorResponse, isSameOrigin, json } from "@/lib/import/http";
import { importJobIdSchema } from "@/lib/validation/import";

/** Every part has arrived: read the header, count the rows, propose a mapping. Returns the job. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!isSameOrigin(request)) return crossOrigin();
  try {
    const actor = await requireActionUser("ADMIN");
    const id = importJobIdSchema.safeParse((await params).id);
    if (!id.success) throw new AppError("NOT_FOUND", "That upload no longer exists.");
    return json(await completeUpload(actor, id.data));
  } catch (error) {
    return errorResponse(error, "import upload completion");
  }
}
