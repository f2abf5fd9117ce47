import { env } from "@/lib/env";

/** Two years, subdomains included: the values hstspreload.org asks for (without opting into preload). */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/**
 * Whether the browser reached us over HTTPS, so Strict-Transport-Security may be sent. Never over
 * plain http: a browser that honoured it would refuse http://localhost from then on.
 *
 * Behind TIERWISE_TRUSTED_PROXIES=N proxies, the X-Forwarded-Proto entry N from the right is the
 * one the outermost trusted proxy wrote (as for the client address in lib/auth/client.ts); the
 * request URL is not looked at, since Next.js builds its scheme from that same header whatever
 * the client put in it. With no trusted proxy, the request URL's scheme decides (Next.js takes it
 * from the TLS socket, or from a header the client sent itself, in which case the answer reaches
 * that client over plain http, where browsers ignore the header: RFC 6797, section 8.1).
 */
export function isHttps(request: Pick<Request, "url" | "headers">, trustedProxies = configuredProxies()): boolean {
  if (trustedProxies > 0) {
    const entries = (request.headers.get("x-forwarded-proto") ?? "")
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean);
    return entries[Math.max(entries.length - trustedProxies, 0)] === "https";
  }
  try {
    return new URL(request.url).protocol === "https:";
  } catch {
    return false;
  }
}

// The proxy asks on every request and a full env() parse costs about 0.4 ms: parsed again only
// when the variable's text changes (never, in a running server; tests change it).
let parsedFrom: { text: string | undefined; count: number } | null = null;
function configuredProxies(): number {
  const text = process.env.TIERWISE_TRUSTED_PROXIES;
  if (!parsedFrom || parsedFrom.text !== text) parsedFrom = { text, count: env().TIERWISE_TRUSTED_PROXIES };
  return parsedFrom.count;
}

/** Add Strict-Transport-Security to an answer when the request came over HTTPS. */
export function withHsts<T extends { headers: Headers }>(response: T, request: Pick<Request, "url" | "headers">, trustedProxies?: number): T {
  if (isHttps(request, trustedProxies)) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}
