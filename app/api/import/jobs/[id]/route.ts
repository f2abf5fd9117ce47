import { getImportJob } from "@/lib/data/import/jobs";
import { AppError } from "@/lib/errors";
import { json, route } from "@/lib/http/route";
import { importJobIdParam } from "@/lib/validation/import";

/** An import's state, polled by the page while a dry run or commit runs. */
export const GET = route<{ id: string }>({
  name: "import job read",
  roles: ["ADMIN"],
  handle: async ({ user, params }) => {
    const job = await getImportJob(user, importJobIdParam(params.id, "import"));
    if (!job) throw new AppError("NOT_FOUND", "That import no longer exists.");
    return json(job);
  },
});
