import "server-only";
import { requireActionUser, type SessionUser } from "@/lib/auth/session";
import { mapUnavailable } from "@/lib/db/unavailable";
import { AppError, GENERIC_ERROR, HTTP_STATUS, isAppError, type ErrorBody } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { logUnexpected } from "@/lib/log";

/**
 * The one boundary of every route handler: same-origin check for browser mutations, the role
 * check, then the handler; every failure becomes one JSON shape with the status from HTTP_STATUS
 * (ErrorBody, lib/errors.ts). Never a stack trace, an HTML page or a redirect to sign-in.
 */
export type { ErrorBody } from "@/lib/errors";

export function json(data: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** Seconds a client should wait before retrying while the database cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/**
 * An AppError as the JSON error with its status (an unreachable database, however it surfaced:
 * 503 with Retry-After); anything else is logged and answered generically (500).
 */
export function errorResponse(thrown: unknown, where: string): Response {
  const error = mapUnavailable(thrown);
  if (isAppError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.fieldErrors ? { details: { fieldErrors: error.fieldErrors } } : {}) } };
    const retry = error.code === "SERVICE_UNAVAILABLE" ? { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_S) } : undefined;
    return json(body, HTTP_STATUS[error.code], retry);
  }
  logUnexpected(where, error);
  return json({ error: { code: "INTERNAL", message: GENERIC_ERROR } } satisfies ErrorBody, 500);
}

/** Browsers send Origin on POST/PUT/DELETE; one from another site is refused (the session cookie is Lax, this is a second lock). */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host);
  } catch {
    return false;
  }
}

type Params = Record<string, string | string[] | undefined>;
interface Context<P extends Params> {
  params: Promise<P>;
}

/**
 * A route handler for signed-in users of the given roles (none named: any signed-in user).
 * Mutating methods from another origin are refused before anything runs.
 */
export function route<P extends Params = Params>(spec: {
  name: string;
  roles: readonly Role[];
  handle: (input: { user: SessionUser; request: Request; params: P }) => Promise<Response>;
}): (request: Request, context?: Context<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      if (request.method !== "GET" && request.method !== "HEAD" && !isSameOrigin(request)) {
        throw new AppError("FORBIDDEN", "Cross-site requests are not allowed.");
      }
      const user = await requireActionUser(spec.roles);
      return await spec.handle({ user, request, params: context ? await context.params : ({} as P) });
    } catch (error) {
      return errorResponse(error, `route ${spec.name}`);
    }
  };
}

/** The request body as it arrives, chunk by chunk, never buffered whole. */
export async function* bodyChunks(request: Request): AsyncGenerator<Uint8Array> {
  if (!request.body) return;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value?.byteLength) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The body's bytes, refused with 413 as soon as they pass `max` (Content-Length is only a first hint). */
export async function readBody(request: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError("TOO_LARGE", `The request body is larger than the limit of ${formatBytes(max)}.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(request)) {
    size += chunk.byteLength;
    if (size > max) {
      await request.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The bytes as JSON (UTF-8), or 400 MALFORMED. */
export function parseJson(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) throw new AppError("MALFORMED", "This request needs a JSON body.");
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("MALFORMED", "The request body is not valid JSON (UTF-8).");
  }
}

/** A JSON request body of at most `max` bytes (413 past it, 400 when it is not JSON). */
export async function readJsonBody(request: Request, max: number): Promise<unknown> {
  return parseJson(await readBody(request, max));
}
