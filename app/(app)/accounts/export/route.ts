import type { NextRequest } from "next/server";
import { requireActionUser } from "@/lib/auth/session";
import { exportFileName, streamAccountsCsv } from "@/lib/data/export";
import { isAppError } from "@/lib/errors";
import { loadAccountQuery } from "@/lib/validation/account-query";

/**
 * CSV of every account the signed-in user may see that matches the same URL query as
 * /accounts (filters and sort; page and size are ignored). Segment and matrix-cell
 * exports are this route with segment/tier/category/hosting filters in the query.
 */
export async function GET(request: NextRequest): Promise<Response> {
  let user;
  try {
    user = await requireActionUser();
  } catch (error) {
    if (isAppError(error)) return new Response(error.message, { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
  const query = loadAccountQuery(request.nextUrl.searchParams);
  return new Response(streamAccountsCsv(user, query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
