import { worklistCsv } from "@/lib/data/plays/worklist-export";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { loadTodayQuery } from "@/lib/validation/today-query";

/**
 * CSV of the day plan /today shows for the same URL (rep, play, tier and segment filters): the
 * same items in the same order. Reps get their own plan whatever ?rep says; managers and admins
 * the rep they name. Errors are the JSON errors of lib/http/route.ts (signed out: 401).
 */
export const GET = route({
  name: "today export",
  roles: [],
  handle: async ({ user, request }) => {
    const result = await worklistCsv(user, loadTodayQuery(new URL(request.url).searchParams));
    if (!result) throw new AppError("NOT_FOUND", "Choose a rep to export their day plan.");
    return new Response(result.csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${result.fileName}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
