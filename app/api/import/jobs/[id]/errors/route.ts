import type { NextRequest } from "next/server";
import { requireActionUser } from "@/lib/auth/session";
import { importErrorsCsv, importErrorsPage } from "@/lib/data/import";
import { AppError } from "@/lib/errors";
import { errorResponse, json } from "@/lib/import/http";
import { errorsPageSchema, importJobIdSchema } from "@/lib/validation/import";

/** The rows the last run found bad: ?page=N as JSON, or ?format=csv as a download of all of them. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActionUser("ADMIN");
    const id = importJobIdSchema.safeParse((await params).id);
    if (!id.success) throw new AppError("NOT_FOUND", "That import no longer exists.");
    if (request.nextUrl.searchParams.get("format") === "csv") {
      const { stream, fileName } = await importErrorsCsv(actor, id.data);
      return new Response(stream, {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${fileName}"`,
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    }
    const page = errorsPageSchema.parse(request.nextUrl.searchParams.get("page") ?? "1");
    return json(await importErrorsPage(actor, id.data, page));
  } catch (error) {
    return errorResponse(error, "import errors read");
  }
}
