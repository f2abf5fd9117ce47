/**
 * Calling /api/v1 route handlers in integration tests: as functions, with a real Request and a
 * real key created through lib/api/keys.ts (no server, no mocks of the boundary).
 */
import { createKey } from "@/lib/api/keys";
import type { ApiScope } from "@/lib/api/scopes";
import { db } from "@/lib/db/client";

type Handler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A key with these scopes (all of them by default); its full text, as a client sends it. */
export async function apiKey(scopes: readonly ApiScope[] = ["accounts:read", "accounts:write", "segments:read"], name = "Test sync"): Promise<string> {
  return (await createKey({ name, scopes, expiresAt: null, createdById: null })).key;
}

/** Empty the API's own tables (keys, rate windows, idempotency records). */
export async function resetApiTables(): Promise<void> {
  await db.$executeRawUnsafe("TRUNCATE api_keys, api_rate_windows, api_idempotency_keys");
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** GET `path?query` through `handler`; `params` are the route's dynamic segments. */
export async function apiGet<T = unknown>(handler: Handler, key: string, path: string, params: Record<string, string> = {}): Promise<ApiAnswer<T>> {
  const request = new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${key}` } });
  return answer<T>(await handler(request, { params: Promise.resolve(params) }));
}

/** POST a JSON body (an object, or text sent as is) through `handler`. */
export async function apiPost<T = unknown>(
  handler: Handler,
  key: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return answer<T>(await handler(request, { params: Promise.resolve({}) }));
}

async function answer<T>(response: Response): Promise<ApiAnswer<T>> {
  expectJson(response);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

function expectJson(response: Response): void {
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("application/json")) throw new Error(`expected a JSON answer, got ${response.status} ${type}`);
}

/** The error body every failure has. */
export interface ApiError {
  error: { code: string; message: string; details?: { fieldErrors?: Record<string, string> } };
}
