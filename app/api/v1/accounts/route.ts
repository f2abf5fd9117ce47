import { apiRoute } from "@/lib/api/endpoint";
import { listAccounts } from "@/lib/api/endpoints/accounts";
import { apiActor } from "@/lib/data/api/actor";
import { listAccountsPage } from "@/lib/data/api/accounts-list";

export const GET = apiRoute(listAccounts, ({ caller, query }) => listAccountsPage(apiActor(caller), query));
