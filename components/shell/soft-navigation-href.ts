/**
 * The address to navigate to client-side when `target` (or an element it is inside) is a plain
 * link to a page of this app, or null: not a link, another origin, a new tab or window, a
 * download, a route handler (/api/…: files, JSON), a same-page anchor, or a link that opts out
 * with data-hard-navigation (a "Reload" link means a real reload).
 */
export function softNavigationHref(target: EventTarget | null, origin: string): string | null {
  if (typeof Element === "undefined" || !(target instanceof Element)) return null;
  const anchor = target.closest("a[href]");
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download") || anchor.hasAttribute("data-hard-navigation")) return null;
  const url = new URL(anchor.href, origin);
  if (url.origin !== origin || (url.protocol !== "http:" && url.protocol !== "https:") || url.pathname.startsWith("/api/")) return null;
  // A link to a place on the current page: the browser scrolls there by itself.
  if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
