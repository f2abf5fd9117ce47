import { apiRoute } from "@/lib/api/endpoint";
import { updateAccountTechnologies } from "@/lib/api/endpoints/technology-writes";
import { updateApiTechnologies } from "@/lib/data/api/writes/technologies";

export const POST = apiRoute(updateAccountTechnologies, ({ caller, body }) => updateApiTechnologies(caller, body.items));
