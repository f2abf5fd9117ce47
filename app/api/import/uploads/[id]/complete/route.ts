import { completeUpload } from "@/lib/data/import/uploads";
import { json, route } from "@/lib/http/route";
import { importJobIdParam } from "@/lib/validation/import";

/** Every part has arrived: read the header, count the rows, propose a mapping. Returns the job. */
export const POST = route<{ id: string }>({
  name: "import upload completion",
  roles: ["ADMIN"],
  handle: async ({ user, params }) => json(await completeUpload(user, importJobIdParam(params.id, "upload"))),
});
