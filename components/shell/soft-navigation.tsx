"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { softNavigationHref } from "./soft-navigation-href";
import { prefetchUnlessRecent, RecentPrefetches } from "./soft-navigation-prefetches";

/**
 * Client-side navigation for the plain links inside it, as next/link gives its own: a click on a
 * same-origin `<a>` goes through the router (no full page load), and pointing at or focusing one
 * prefetches it (again only once Next.js may have dropped that prefetch:
 * soft-navigation-prefetches.ts). Tables render one link per row (50 account names on a list
 * page); as next/link each was a client component to render on the server (~20% of the list page's CPU,
 * docs/benchmarks.md "Load") and to prefetch as soon as it scrolled into view, so one list view
 * cost the server 50 prefetches of account pages. Here a row is a plain anchor, prefetched when
 * someone shows interest in it. Clicks that next/link handles itself, and clicks meant for a new
 * tab or window (modifier keys, middle button, target, download), are left alone.
 */
export function SoftNavigation({ children, className }: { children: React.ReactNode; className?: string }) {
  const router = useRouter();
  const recent = useRef<RecentPrefetches | null>(null);

  const prefetch = (target: EventTarget) => {
    const href = softNavigationHref(target, window.location.origin);
    if (!href) return;
    recent.current ??= new RecentPrefetches();
    prefetchUnlessRecent(recent.current, (to, options) => router.prefetch(to, options), href);
  };

  return (
    <div
      className={className}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        const href = softNavigationHref(event.target, window.location.origin);
        if (!href) return;
        event.preventDefault();
        router.push(href);
      }}
      onPointerOver={(event) => prefetch(event.target)}
      onFocus={(event) => prefetch(event.target)}
    >
      {children}
    </div>
  );
}
