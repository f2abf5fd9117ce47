import { appendUpload } from "@/lib/data/import/uploads";
import { bodyChunks, json, route } from "@/lib/http/route";
import { importJobIdParam, uploadOffsetSchema } from "@/lib/validation/import";
import { parseInput } from "@/lib/validation/parse";

/**
 * One part of an upload, streamed to disk at ?offset= (the bytes received so far). Parts are
 * small (the page sends 4 MB) so no proxy in front of the app buffers a whole 50 MB file.
 */
export const PUT = route<{ id: string }>({
  name: "import upload part",
  roles: ["ADMIN"],
  handle: async ({ user, request, params }) => {
    const id = importJobIdParam(params.id, "upload");
    const offset = await parseInput(uploadOffsetSchema, new URL(request.url).searchParams.get("offset"));
    return json({ received: await appendUpload(user, id, offset, bodyChunks(request)) });
  },
});
