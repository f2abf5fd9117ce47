import "server-only";
import type { Metadata } from "next";
import type { Actor } from "./access";
import { getSessionUser } from "./session";

/** The title of every 404: a missing page and a page this role may not open look the same. */
export const NOT_FOUND_TITLE = "Page not found";

/**
 * generateMetadata for a page some roles may not open. The page's own title only for a user it
 * lets in; anyone else gets the 404's title, so a refused page never names itself in the
 * document title (a static `metadata` export is resolved whatever the page's role check says).
 */
export function restrictedMetadata(title: string, allowed: (user: Actor) => boolean): () => Promise<Metadata> {
  return async () => {
    const user = await getSessionUser();
    return { title: user && allowed(user) ? title : NOT_FOUND_TITLE };
  };
}

export const isAdmin = (user: Actor): boolean => user.role === "ADMIN";
