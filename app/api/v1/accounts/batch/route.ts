import { apiRoute } from "@/lib/api/endpoint";
import { upsertAccounts } from "@/lib/api/endpoints/account-writes";
import { upsertApiAccounts } from "@/lib/data/api/writes/accounts";

export const POST = apiRoute(upsertAccounts, ({ caller, body }) => upsertApiAccounts(caller, body.items));
