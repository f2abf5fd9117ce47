import { requireActionUser } from "@/lib/auth/session";
import { getImportJob } from "@/lib/data/import";
import { AppError } from "@/lib/errors";
import { errorResponse, json } from "@/lib/import/http";
import { importJobIdSchema } from "@/lib/validation/import";

/** An import's state, polled by the page while a dry run or commit runs. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActionUser("ADMIN");
    const id = importJobIdSchema.safeParse((await params).id);
    const job = id.success ? await getImportJob(actor, id.data) : null;
    if (!job) throw new AppError("NOT_FOUND", "That import no longer exists.");
    return json(job);
  } catch (error) {
    return errorResponse(error, "import job read");
  }
}
