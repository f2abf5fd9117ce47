import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { errorResponse, json, parseJson, readBody } from "@/lib/http/route";
import { authenticate, bearerToken } from "./auth";
import type { ApiCaller } from "./caller";
import { claimIdempotencyKey, completeIdempotencyKey, idempotencyKeyOf, releaseIdempotencyKey, requestFingerprint, runClaimed } from "./idempotency";
import { parseRequestPart } from "./input";
import { consumeRateLimit, rateLimitHeaders } from "./rate-limit";
import type { ApiScope } from "./scopes";

export type { ApiCaller } from "./caller";
export { formatBytes } from "@/lib/http/route";

/**
 * The public API's boundary (/api/v1). An endpoint is declared once, with zod schemas, and the
 * same declaration drives the handler (apiRoute) and the OpenAPI document (lib/api/openapi.ts), so
 * the document cannot drift from what the handler accepts. Every failure is the one JSON error of
 * lib/http/route.ts with its status from HTTP_STATUS; never HTML, never a redirect.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface Endpoint<
  P extends z.ZodObject | undefined = z.ZodObject | undefined,
  Q extends z.ZodObject | undefined = z.ZodObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  /** operationId, e.g. "listAccounts". */
  id: string;
  method: HttpMethod;
  /** OpenAPI template: "/api/v1/accounts/{id}". */
  path: string;
  scope: ApiScope;
  tag: string;
  summary: string;
  description?: string;
  /** zod 4 schemas; objects are .strict() so unknown fields are rejected, not ignored. */
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  /** Honours Idempotency-Key (batch writes). */
  idempotent?: boolean;
  /** Default 5 MiB; a larger body is refused with 413 while it is being read. */
  maxBodyBytes?: number;
}

/** Any endpoint, as the ENDPOINTS list and the OpenAPI generator see it. */
export type AnyEndpoint = Endpoint;

/** The identity: it only keeps the schemas' types for apiRoute. */
export function defineEndpoint<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(endpoint: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return endpoint;
}

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiInput<P, Q, B> {
  caller: ApiCaller;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
  request: Request;
}

type RouteParams = Record<string, string | string[] | undefined>;

/** A URL's query as an object: a name given once is a string, given several times an array. */
function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    out[name] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/**
 * A route handler for one endpoint. In order: the bearer key (401), its scope (403), the key's
 * rate limit (429), path and query (422), the body's size (413), JSON (400) and schema (422),
 * the Idempotency-Key (replay, 422 for another request, 409 while the first runs), then `handle`,
 * answered with `endpoint.status ?? 200`. RateLimit headers go on every answer to a known key.
 */
export function apiRoute<P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined, R extends z.ZodType>(
  endpoint: Endpoint<P, Q, B, R>,
  handle: (input: ApiInput<P, Q, B>) => Promise<z.output<R>>,
): (request: Request, context?: { params: Promise<RouteParams> }) => Promise<Response> {
  return async (request, context) => {
    // Collected along the way (RateLimit-*, Retry-After…) and put on whatever the answer is.
    const headers = new Headers();
    const answer = (data: unknown, status: number) => json(data, status, Object.fromEntries(headers));
    try {
      const caller = await authenticate(request);
      if (!caller.scopes.includes(endpoint.scope)) {
        throw new AppError("FORBIDDEN", `This API key lacks the "${endpoint.scope}" scope.`);
      }
      const rate = await consumeRateLimit(caller.keyId);
      for (const [name, value] of Object.entries(rateLimitHeaders(rate))) headers.set(name, value);
      if (!rate.allowed) throw new AppError("RATE_LIMITED", `Too many requests for this API key: the limit is ${rate.limit} a minute. Retry in ${rate.resetSeconds} s.`);

      const params = (await parseRequestPart(endpoint.params, context ? await context.params : {}, "path")) as Output<P>;
      const query = (await parseRequestPart(endpoint.query, queryObject(new URL(request.url)), "query")) as Output<Q>;
      const bytes = endpoint.body ? await readBody(request, endpoint.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : new Uint8Array();
      const body = (endpoint.body ? await parseRequestPart(endpoint.body, parseJson(bytes), "body") : undefined) as Output<B>;
      const status = endpoint.status ?? 200;

      const idempotencyKey = endpoint.idempotent ? idempotencyKeyOf(request) : null;
      if (!idempotencyKey) return answer(await handle({ caller, params, query, body, request }), status);

      const claim = await claimIdempotencyKey(caller.keyId, idempotencyKey, requestFingerprint(request, bytes));
      if (claim.kind === "replay") {
        headers.set("Idempotent-Replayed", "true");
        return answer(claim.body, claim.status);
      }
      let result: z.output<R>;
      try {
        result = await runClaimed({ keyId: caller.keyId, idempotencyKey, status }, () => handle({ caller, params, query, body, request }));
      } catch (error) {
        // If even the release fails, the claim is taken over as abandoned after a few minutes.
        await releaseIdempotencyKey(caller.keyId, idempotencyKey).catch(() => undefined);
        throw error;
      }
      await completeIdempotencyKey(caller.keyId, idempotencyKey, status, result);
      return answer(result, status);
    } catch (error) {
      const response = errorResponse(error, `api ${endpoint.id}`);
      for (const [name, value] of headers) response.headers.set(name, value);
      if (response.status === 401) {
        response.headers.set("WWW-Authenticate", bearerToken(request) ? 'Bearer realm="Tierwise API", error="invalid_token"' : 'Bearer realm="Tierwise API"');
      }
      return response;
    }
  };
}
