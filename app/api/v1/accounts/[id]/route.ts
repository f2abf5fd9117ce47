import { apiRoute } from "@/lib/api/endpoint";
import { getAccount } from "@/lib/api/endpoints/accounts";
import { getApiAccount } from "@/lib/data/api/account";
import { apiActor } from "@/lib/data/api/actor";

export const GET = apiRoute(getAccount, ({ caller, params }) => getApiAccount(apiActor(caller), params.id));
