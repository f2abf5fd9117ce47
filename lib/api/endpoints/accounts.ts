import { z } from "@/lib/validation/zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { accountListQueryShape } from "@/lib/validation/api/account-list-query";
import { AccountDetail, AccountSummary } from "./account-schemas";
import { idParam, pageOf, pageQuery } from "./common";

export const listAccounts = defineEndpoint({
  id: "listAccounts",
  method: "GET",
  path: "/api/v1/accounts",
  scope: "accounts:read",
  tag: "Accounts",
  summary: "List accounts",
  description:
    "The accounts list with the same search, filters and sorts as the accounts page, in cursor pages: pass `next_cursor` back as `cursor` " +
    "(with the same parameters) until it is null. Accounts added while you page neither repeat nor shift a page.",
  query: z.strictObject({ ...accountListQueryShape, ...pageQuery }),
  response: pageOf(AccountSummary, "AccountPage", "A page of accounts."),
});

export const getAccount = defineEndpoint({
  id: "getAccount",
  method: "GET",
  path: "/api/v1/accounts/{id}",
  scope: "accounts:read",
  tag: "Accounts",
  summary: "Get one account",
  description: "One account with its tier, priority score and breakdown, segments, plays and the explanation trace of every tier and segment.",
  params: z.strictObject({ id: idParam("account") }),
  response: AccountDetail,
});
