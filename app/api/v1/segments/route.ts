import { apiRoute } from "@/lib/api/endpoint";
import { listSegments } from "@/lib/api/endpoints/segments";
import { apiActor } from "@/lib/data/api/actor";
import { listApiSegments } from "@/lib/data/api/segmentation";

export const GET = apiRoute(listSegments, ({ caller }) => listApiSegments(apiActor(caller)));
