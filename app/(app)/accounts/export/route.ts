import { exportFileName, streamAccountsCsv } from "@/lib/data/export";
import { route } from "@/lib/http/route";
import { loadAccountQuery } from "@/lib/validation/account-query";

/**
 * CSV of every account the signed-in user may see that matches the same URL query as
 * /accounts (filters and sort; page and size are ignored). Segment and matrix-cell
 * exports are this route with segment/tier/category/hosting filters in the query.
 * Any signed-in user; errors are the JSON errors of lib/http/route.ts (signed out: 401).
 */
export const GET = route({
  name: "accounts export",
  roles: [],
  handle: async ({ user, request }) => {
    const query = loadAccountQuery(new URL(request.url).searchParams);
    return new Response(streamAccountsCsv(user, query), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName()}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
