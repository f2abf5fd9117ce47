import { NextResponse, type NextRequest } from "next/server";
import { withHsts } from "@/lib/http/hsts";

/** Auth.js session cookie names (the __Secure- one over HTTPS). */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

// The public API authenticates every request with its own bearer key (lib/api/endpoint.ts) and
// answers 401 in JSON: a redirect to the sign-in page would be wrong for an API client.
const PUBLIC_PATHS = ["/sign-in", "/api/auth", "/api/v1"];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (charts, widths) need this; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Redirects visitors without a session cookie to the sign-in page and sets a per-request CSP
 * nonce; every answer over HTTPS (pages, route handlers under /api, redirects) gets
 * Strict-Transport-Security. A convenience only: every page, data function and action checks the session itself.
 * It deliberately does not decode or refresh the session: a proxy that re-issues the cookie on
 * every response lets a late prefetch resurrect a session the user just signed out of.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && !isPublic) {
    const url = new URL("/sign-in", request.nextUrl);
    if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return withHsts(NextResponse.redirect(url), request);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return withHsts(response, request);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
