import type { ApiScope } from "./scopes";

/** Who is calling the API: the key, never a user (re-exported by lib/api/endpoint.ts). */
export interface ApiCaller {
  keyId: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
}
