import "server-only";
import type { ApiCaller } from "@/lib/api/caller";
import type { Actor } from "@/lib/auth/access";

/** The key that calls the API's data functions (apiRoute has checked its scope). */
export type ApiKeyRef = ApiCaller;

/**
 * The actor an API key reads as in the shared data layer (lib/data): every account, as a manager
 * sees them. apiRoute has checked the key's scope; what it may write is decided by that scope, not
 * by a role, so the key is never treated as an admin.
 */
export function apiActor(key: Pick<ApiKeyRef, "keyId">): Actor {
  return { id: `api-key:${key.keyId}`, role: "MANAGER" };
}
