import { apiRoute } from "@/lib/api/endpoint";
import { listSegmentMembers } from "@/lib/api/endpoints/segments";
import { apiActor } from "@/lib/data/api/actor";
import { listSegmentMembers as listMembers } from "@/lib/data/api/segmentation";

export const GET = apiRoute(listSegmentMembers, ({ caller, params, query }) => listMembers(apiActor(caller), params.id, query));
