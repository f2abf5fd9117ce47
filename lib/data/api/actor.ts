import "server-only";
import type { Actor } from "@/lib/auth/access";

/** What the API's data functions need to know of the key that calls them. */
export interface ApiKeyRef {
  keyId: string;
  name: string;
  prefix: string;
}

/**
 * The actor an API key reads as in the shared data layer (lib/data): every account, as a manager
 * sees them. apiRoute has checked the key's scope; what it may write is decided by that scope, not
 * by a role, so the key is never treated as an admin.
 */
export function apiActor(key: ApiKeyRef): Actor {
  return { id: `api-key:${key.keyId}`, role: "MANAGER" };
}
