/**
 * Which links SoftNavigation prefetched recently, so that pointing at a link again (every
 * pointerover inside it bubbles up) does not ask the router each time, while a link whose
 * prefetched data Next.js has dropped since is prefetched again.
 */

/**
 * How long a prefetch is taken as still cached. Next.js keeps a `router.prefetch` entry for
 * `staleTimes.static` (5 min by default) or the stale time the server sends, but never less than
 * 30 s (getStaleTimeMs in next/dist/client/components/segment-cache/cache.js, Next 16.5): after
 * 30 s asking again is always allowed, and costs nothing when the entry is still fresh (the router
 * answers from its cache). Earlier drops (a server action's revalidation) come as onInvalidate.
 */
export const PREFETCH_FRESH_MS = 30_000;

/** Links remembered at most: a list page shows 50; the oldest are forgotten first. */
export const PREFETCH_MEMORY_LIMIT = 256;

export class RecentPrefetches {
  /** href -> when it was prefetched; a Map iterates in insertion order, so oldest first. */
  private readonly at = new Map<string, number>();

  constructor(
    private readonly freshMs = PREFETCH_FRESH_MS,
    private readonly limit = PREFETCH_MEMORY_LIMIT,
  ) {}

  /** True (and remembered from now) when `href` should be prefetched: not prefetched in the last `freshMs`. */
  claim(href: string, now = Date.now()): boolean {
    const at = this.at.get(href);
    if (at !== undefined && now - at < this.freshMs) return false;
    this.at.delete(href);
    this.at.set(href, now);
    this.trim(now);
    return true;
  }

  /** Next.js said the prefetched data may be gone: the next interest prefetches again. */
  forget(href: string): void {
    this.at.delete(href);
  }

  get size(): number {
    return this.at.size;
  }

  private trim(now: number): void {
    for (const [href, at] of this.at) {
      if (this.at.size <= this.limit && now - at < this.freshMs) return;
      this.at.delete(href);
    }
  }
}

type Prefetch = (href: string, options: { onInvalidate: () => void }) => void;

/** Prefetch `href` unless it was recently; when Next.js invalidates it, forget it. */
export function prefetchUnlessRecent(recent: RecentPrefetches, prefetch: Prefetch, href: string): void {
  if (!recent.claim(href)) return;
  prefetch(href, { onInvalidate: () => recent.forget(href) });
}
