import { env } from "@/lib/env";

export interface ClientInfo {
  /** The client's IP address as far as it can be trusted, or null when no request says. */
  address: string | null;
  userAgent: string | null;
}

/**
 * Who is asking, from the request headers. Next.js puts the socket's address in X-Forwarded-For
 * when the request has none; each reverse proxy appends the address it saw. With
 * TIERWISE_TRUSTED_PROXIES=N the entry N from the right is the one the outermost trusted proxy saw
 * (entries further left are whatever the client sent). With 0, the rightmost entry is used: the
 * socket address, unless a client reaching the app directly sent its own header, which Next.js
 * then keeps, so production should sit behind a proxy and count it.
 */
export function clientInfo(headers: Headers | null | undefined, trustedProxies = env().TIERWISE_TRUSTED_PROXIES): ClientInfo {
  if (!headers) return { address: null, userAgent: null };
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = forwarded.length - Math.max(trustedProxies, 1);
  const address = forwarded[Math.max(index, 0)] ?? null;
  const userAgent = headers.get("user-agent");
  return { address: address?.slice(0, 100) ?? null, userAgent: userAgent ? userAgent.slice(0, 300) : null };
}
