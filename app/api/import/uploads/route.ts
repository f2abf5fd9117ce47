import { createUpload } from "@/lib/data/import/uploads";
import { json, route } from "@/lib/http/route";
import { uploadStartSchema } from "@/lib/validation/import";
import { parseInput } from "@/lib/validation/parse";

/** Start an upload: { kind, fileName, size, contentType, replaces? } -> { id }. The file follows in parts (PUT). */
export const POST = route({
  name: "import upload start",
  roles: ["ADMIN"],
  handle: async ({ user, request }) => {
    const input = await parseInput(uploadStartSchema, await request.json().catch(() => null));
    return json(await createUpload(user, input), 201);
  },
});
