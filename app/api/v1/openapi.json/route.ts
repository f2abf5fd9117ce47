import { openApiDocument } from "@/lib/api/openapi";
import { errorResponse, json } from "@/lib/http/route";

/** The OpenAPI document of /api/v1: public (no key), so tools can read it before they have one. */
export async function GET(): Promise<Response> {
  try {
    return json(openApiDocument(), 200, { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" });
  } catch (error) {
    return errorResponse(error, "route openapi.json");
  }
}
