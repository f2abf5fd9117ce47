import { importErrorsCsv, importErrorsPage } from "@/lib/data/import/row-errors";
import { json, route } from "@/lib/http/route";
import { errorsPageSchema, importJobIdParam } from "@/lib/validation/import";

/** The rows the last run found bad: ?page=N as JSON, or ?format=csv as a download of all of them. */
export const GET = route<{ id: string }>({
  name: "import errors read",
  roles: ["ADMIN"],
  handle: async ({ user, request, params }) => {
    const id = importJobIdParam(params.id, "import");
    const query = new URL(request.url).searchParams;
    if (query.get("format") === "csv") {
      const { stream, fileName } = await importErrorsCsv(user, id);
      return new Response(stream, {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${fileName}"`,
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    }
    return json(await importErrorsPage(user, id, errorsPageSchema.parse(query.get("page") ?? "1")));
  },
});
