import { apiRoute } from "@/lib/api/endpoint";
import { listMembershipChanges } from "@/lib/api/endpoints/membership-changes";
import { listMembershipChanges as listChanges } from "@/lib/data/api/membership-changes";

export const GET = apiRoute(listMembershipChanges, ({ query }) => listChanges(query));
